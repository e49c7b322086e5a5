version = 1

server {
  settings = {
    "auth"         = "plain[passwd=/etc/ocserv/ocpasswd]"
    "tcp-port"     = 443
    "ipv4-network" = "192.168.99.0/24"
  }
}

firewall_policy "web-only" {
  restrict_to_routes = true
  allow_ports        = ["tcp(443)"]
}

group "contractors" {
  settings = { "dns" = ["10.0.0.53"] }
  firewall = "web-only"
}

user "alice" {
  groups        = ["contractors"]
  password_hash = "$6$q68DP5Vt$mtnnkd9jyQiCYcd3vE2hmRiiHtRf6wpCCuB3latKWrtXXVn2FQ/BSaXnCv82gD70BwFg9uCozBU3FD8Yk.Vko/"
}
