group "engineering" {
  settings = { "route" = ["10.20.0.0/16"] }
}

user "alice" {
  groups        = ["engineering"]
  password_hash = "$6$J/0jxPP.$2.LLPR8JOa149gnqtP98/R7FNcd1aBfDhP/nlamJxaoLarRaZZYIPLaob/PFYFewxyxcM/gx6/ZZROYo.CBbM/"
}
