# us-1: its own name, network and certificate; routes to the US office too.
server {
  settings = {
    "default-domain" = "us-1.example.com"
    "ipv4-network"   = "192.168.102.0/24"
    "dns"            = "192.168.102.1"
    "route"          = ["10.0.0.0/8", "172.16.0.0/12", "10.40.0.0/16"]
  }
}
