# The fleet: three ocserv hosts managed from one repository (docs/fleet.md).
# 'ocsctl fleet validate -f examples/fleet' checks every host;
# 'ocsctl plan -f examples/fleet -host eu-1 --root live/eu-1' plans one of them.

host "eu-1" {
  files = ["shared"] # every *.hcl/*.yaml of shared/, as one desired state
  # overlay: hosts/eu-1.hcl (found by name)
}

host "us-1" {
  files = ["shared"]
}

host "staging" {
  files   = ["shared"]
  overlay = "hosts/staging.yaml"
  withdraw {
    users    = ["carol"]       # no contractors on staging
    settings = ["max-clients"] # ocserv's default
  }
}
