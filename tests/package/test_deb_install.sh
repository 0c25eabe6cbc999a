#!/bin/bash
# Installs the Debian package into a fresh Debian 12 (a minbase chroot) with `apt install ./mesh_*.deb`,
# as a user would, and checks that the binary, the kubectl plugin, the man pages and the completions
# work there. Not part of ctest: it needs root, mounts and Debian's mirror.
#
# usage (as root): tests/package/test_deb_install.sh [BUILD_DIR]
#   BUILD_DIR  a configured build tree (default: build); the .deb is made there with cpack.
# The minbase tarball is made once with debootstrap (about 25 s) and cached in
# $MESH_CHROOT_CACHE (default ~/.cache/mesh); then a run takes about 30 s, mostly apt.
# Exit: 0 passed, 1 failed, 77 skipped (not root, no debootstrap).
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$src/build}" && pwd)
started=$(date +%s)
say() { echo "test_deb_install: $*"; }

[ "$(id -u)" = 0 ] || { say "skipped: needs root (chroot and mounts)"; exit 77; }
command -v debootstrap >/dev/null || { say "skipped: debootstrap is not installed"; exit 77; }

(cd "$build" && cpack -G DEB >/dev/null)
deb=$(ls -t "$build"/mesh_*_amd64.deb | head -n 1)
say "package: $deb"

cache=${MESH_CHROOT_CACHE:-${HOME:-/root}/.cache/mesh}
base=$cache/bookworm-minbase.tar
if [ ! -s "$base" ]; then
    # Reuse the tarball of shared/tools/fresh-machine.sh when it is there.
    shared=${TMPDIR:-/tmp}/fresh-machine/bookworm-minbase.tar
    mkdir -p "$cache"
    if [ -s "$shared" ]; then
        cp "$shared" "$base"
    else
        say "making the Debian 12 minbase tarball (once)"
        seed=$(mktemp -d)
        debootstrap --variant=minbase bookworm "$seed" >"$cache/debootstrap.log" 2>&1 ||
            { say "debootstrap failed, see $cache/debootstrap.log"; rm -rf "$seed"; exit 1; }
        tar -C "$seed" -cf "$base.tmp" . && mv "$base.tmp" "$base"
        rm -rf "$seed"
    fi
fi

root=$(mktemp -d)
chmod 755 "$root"  # apt downloads as _apt, which must reach the lists directory
cleanup() {
    for m in dev/pts dev proc; do umount -l "$root/$m" 2>/dev/null || true; done
    rm -rf --one-file-system "$root"
}
trap cleanup EXIT
tar -C "$root" -xf "$base"
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
mount --bind /dev/pts "$root/dev/pts"
cp /etc/resolv.conf "$root/etc/resolv.conf"
cp "$deb" "$root/tmp/"

in_chroot() {
    chroot "$root" /usr/bin/env -i HOME=/root TERM=dumb DEBIAN_FRONTEND=noninteractive \
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin /bin/bash -euo pipefail -c "$1"
}

say "installing into a fresh Debian 12"
# The chroot's apt lists belong to root; let apt download as root instead of warning about it.
in_chroot "apt-get -o APT::Sandbox::User=root update -qq && apt-get -o APT::Sandbox::User=root install -y -qq --no-install-recommends ./tmp/$(basename "$deb") man-db >/tmp/apt.log 2>&1 || { tail -n 30 /tmp/apt.log; exit 1; }"

fail=0
check() {  # check DESCRIPTION COMMAND: the command must succeed in the chroot
    if out=$(in_chroot "$2" 2>&1); then
        say "ok: $1"
    else
        say "FAILED: $1"; echo "$out" | sed 's/^/    /'; fail=1
    fi
}
check "mesh --version" 'mesh --version | grep -q "^mesh version "'
check "kubectl-mesh --version" 'kubectl-mesh --version | grep -q "^mesh version "'
check "mesh version -o json" 'mesh version -o json | grep -q "\"libraries\""'
check "mesh inject -f - in a pipe" \
    'printf "kind: Pod\napiVersion: v1\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    image: nginx\n" | mesh inject -f - | grep -q http_proxy'
check "man -w mesh" 'test "$(man -w mesh)" = /usr/share/man/man1/mesh.1'
check "man -w mesh-version" 'man -w mesh-version >/dev/null'
check "man -w kubectl-mesh" 'man -w kubectl-mesh >/dev/null'
check "man renders mesh(1)" 'MANPAGER=cat man mesh 2>/dev/null | grep -q "EXIT STATUS"'
check "personality links" 'for l in linkerd-inject namerctl kubectl-mesh; do test "$(readlink /usr/bin/$l)" = mesh; done'
check "kubectl_complete-mesh answers" 'test "$(kubectl_complete-mesh version -o "")" = "$(printf "text\njson\n:4")"'
check "bash completion installed and works" \
    'source /usr/share/bash-completion/completions/mesh; COMP_WORDS=(mesh vers); COMP_CWORD=1; _mesh; test "${COMPREPLY[*]}" = version'
check "zsh and fish completions installed" \
    'test -s /usr/share/zsh/vendor-completions/_mesh && test -s /usr/share/fish/vendor_completions.d/mesh.fish'
check "removal is clean" 'apt-get remove -y -qq mesh >/dev/null 2>&1 && ! test -e /usr/bin/mesh && ! test -e /usr/bin/kubectl-mesh'

say "took $(( $(date +%s) - started )) s"
[ $fail = 0 ] && say "passed" || say "failed"
exit $fail
