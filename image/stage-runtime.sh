#!/usr/bin/env bash
# Stages the image's own runtime under $1 (the image's root): a Java runtime made by jlink from the
# building JDK with only the modules idminter uses, the C libraries it links against (copied from
# this machine at their own paths, with the dynamic loader), a non-root user (10001) and the
# writable /data and /tmp. The image needs no base image, so it is built without a registry.
set -euo pipefail
root="$1"
java_home="$2"
modules=java.base,java.sql,java.naming,java.management,java.logging,java.xml,java.net.http,\
java.security.jgss,java.security.sasl,java.instrument,java.scripting,java.transaction.xa,\
java.compiler,jdk.unsupported,jdk.crypto.ec,jdk.zipfs,jdk.management,jdk.naming.dns
rm -rf "$root"
mkdir -p "$root/opt" "$root/etc" "$root/data" "$root/tmp"
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --compress=2 --output "$root/opt/java"
# The libraries the runtime's binaries need, and the loader that maps them.
libs=$(find "$root/opt/java" -type f \( -name java -o -name '*.so' \) -exec ldd {} \; 2>/dev/null \
  | awk '/=> \//{print $3} /^\s*\/.*ld-linux/{print $1}' | grep -v "^$root" | sort -u)
for lib in $libs /lib64/ld-linux-x86-64.so.2; do
  real=$(readlink -f "$lib")
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$real" "$root$lib"
done
# Name resolution for the JDBC drivers' host names: files, then DNS.
echo "hosts: files dns" > "$root/etc/nsswitch.conf"
printf 'root:x:0:0:root:/root:/sbin/nologin\nidminter:x:10001:10001:idminter:/data:/sbin/nologin\n' \
  > "$root/etc/passwd"
printf 'root:x:0:\nidminter:x:10001:\n' > "$root/etc/group"
