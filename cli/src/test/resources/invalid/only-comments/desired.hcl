# nothing declared yet

// not even a server
