version = 1

server {
  settings = {
    "auth"         = "plain[passwd=/etc/ocserv/ocpasswd]"
    "tcp-port"     = 443
    "ipv4-network" = "192.168.99.0/24"
    "route"        = ["10.0.0.0/8"]
    "max-client"   = 32
    "dns"          = "10.0.0.300"
  }
}

group "engineering" {
  settings = { "route" = ["10.10.0.0/16"] }
}

user "alice" {
  groups        = ["enginering"]
  password_hash = "hunter2"
  locked        = "no"
}

user "bob:admin" {
  groups        = ["engineering"]
  password_hash = "$6$J/0jxPP.$2.LLPR8JOa149gnqtP98/R7FNcd1aBfDhP/nlamJxaoLarRaZZYIPLaob/PFYFewxyxcM/gx6/ZZROYo.CBbM/"
  settings      = { "tcp-port" = 8443 }
}
