# Users, groups and firewall policies shared by every host.
firewall_policy "web-only" {
  restrict_to_routes = true
  allow_ports        = ["tcp(443)", "udp(53)"]
}

group "engineering" {
  settings = {
    "route" = ["10.10.0.0/16"]
  }
}

group "contractors" {
  settings = {
    "route" = ["10.30.0.0/16"]
  }
  firewall = "web-only"
}

user "alice" {
  groups        = ["engineering"]
  password_hash = "$6$q68DP5Vt$mtnnkd9jyQiCYcd3vE2hmRiiHtRf6wpCCuB3latKWrtXXVn2FQ/BSaXnCv82gD70BwFg9uCozBU3FD8Yk.Vko/"
}

user "bob" {
  groups        = ["engineering"]
  password_hash = "$6$J/0jxPP.$2.LLPR8JOa149gnqtP98/R7FNcd1aBfDhP/nlamJxaoLarRaZZYIPLaob/PFYFewxyxcM/gx6/ZZROYo.CBbM/"
}

user "carol" {
  groups        = ["contractors"]
  password_hash = "$6$jEQ/SljM$/l0Y81XVXD3KGMAmslI9RiOw2PoF.IIKEFhaVApabtQM4a1l3sl82Rqm8BElZ318L3pqyQ8lhMdpFwsq6.YJ60"
}
