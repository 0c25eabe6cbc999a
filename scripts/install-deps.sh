#!/bin/sh
# Installs what mesh needs to build and test, from Debian 12's packages (run as root).
set -eu
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends \
  g++ cmake ninja-build pkg-config git ca-certificates \
  libyaml-dev libyaml-cpp-dev libcurl4-openssl-dev nlohmann-json3-dev libfmt-dev libcli11-dev \
  libexpected-dev libboost-dev libcpp-httplib-dev libfyaml-dev libssl-dev libgtest-dev libgmock-dev \
  openssl curl python3 python3-kubernetes patch man-db groff-base bash-completion zsh fish >/dev/null
