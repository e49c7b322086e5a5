# eu-1: its own name and client network; one local operator.
server {
  settings = {
    "default-domain" = "eu-1.example.com"
    "ipv4-network"   = "192.168.101.0/24"
    "dns"            = "192.168.101.1"
  }
}

user "eu-oncall" {
  groups        = ["engineering"]
  password_hash = "$6$q68DP5Vt$mtnnkd9jyQiCYcd3vE2hmRiiHtRf6wpCCuB3latKWrtXXVn2FQ/BSaXnCv82gD70BwFg9uCozBU3FD8Yk.Vko/"
}
