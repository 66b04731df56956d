#!/bin/sh
# Builds the app image from the shaded jar, and packs it. The build runs it at package under -Pdist
# (pom.xml): image.sh JAVA_HOME JAR TARGET VERSION, where JAR is TARGET/stackviz.jar. It writes
#     TARGET/dist/stackviz                            the image: a runtime with stackviz linked in
#     TARGET/stackviz-VERSION-linux-x86-64.tar.gz     the image, packed
#     TARGET/dist-work                                what it was made from (module-info, class list)
#     TARGET/dist/stackviz-arm64, TARGET/stackviz-VERSION-linux-aarch64.tar.gz
#                                                     the same for arm64, where the arm64 JDK's modules
#                                                     are installed (ARM64_JMODS, default Debian's
#                                                     openjdk-17-jdk-headless:arm64) and the jar has
#                                                     the arm64 switch; else it says why there is none
# The jar becomes a module (its module-info from jdeps), jlink links it into a runtime of just the
# modules jdeps reports, with C1 only (the tool lives for seconds or minutes: C2's warm-up never
# pays), and the classes of its usual runs (train.sh) go into the runtime's own class-data archive.
# The launcher is bin/stackviz beside this script, a shell script: jpackage's Linux launcher asks
# rpm and dpkg on every start whether a package owns it, which cost more than the archive saves.
set -eu
jdk=$1/bin
jar=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
target=$(cd "$3" && pwd)
version=$4
here=$(cd "$(dirname "$0")" && pwd)
work=$target/dist-work
image=$target/dist/stackviz
tarball=stackviz-$version-linux-x86-64.tar.gz

rm -rf "$work" "$target/dist"
"$jdk/jdeps" --generate-module-info "$work/src" --ignore-missing-deps --multi-release 17 "$jar"
"$jdk/javac" --release 17 --patch-module stackviz="$jar" -d "$work/classes" \
    "$work/src/stackviz/versions/17/module-info.java"
mkdir -p "$work/mods"
cp "$jar" "$work/mods/stackviz.jar"
"$jdk/jar" --update --file "$work/mods/stackviz.jar" --main-class dev.stackviz.cli.Main \
    -C "$work/classes" module-info.class
# finish IMAGE PLATFORM: the launcher, and for PLATFORM (linux-x86-64, linux-aarch64) JNA's stub and the
# switch library from the jar, loaded from lib/native as they are (-Djna.nounpack=true)
finish() {
    cp "$here/bin/stackviz" "$1/bin/stackviz"
    chmod 755 "$1/bin/stackviz"
    mkdir -p "$work/native" "$1/lib/native"
    (cd "$work/native" && "$jdk/jar" --extract --file "$jar" "com/sun/jna/$2/libjnidispatch.so" "$2/libstackviz.so")
    cp -p "$work/native/com/sun/jna/$2/libjnidispatch.so" "$work/native/$2/libstackviz.so" "$1/lib/native/"
}

"$jdk/jlink" --module-path "$work/mods" --add-modules stackviz --strip-debug --no-header-files --no-man-pages \
    --add-options=-XX:TieredStopAtLevel=1 --output "$image"
finish "$image" linux-x86-64

sh "$here/train.sh" "$image" "$work/classes.lst"
if ! "$image/bin/java" -Xshare:dump -XX:SharedClassListFile="$work/classes.lst" \
        -XX:SharedArchiveFile="$image/lib/server/classes.jsa" > "$work/dump.log" 2>&1; then
    cat "$work/dump.log" >&2
    exit 1
fi
(cd "$target/dist" && tar --sort=name --owner=0 --group=0 --numeric-owner -czf "$target/$tarball" stackviz)
echo "stackviz: app image in $image, packed in target/$tarball"

# arm64: the same module linked by this jlink against the arm64 JDK's modules (jlink links for the
# platform of the modules it is given). Debian's jlink strips native debug symbols with the host's
# objcopy, which cannot read arm64 files: only the Java debug attributes are stripped here. No
# class-data archive: making one runs the image's own java, which on x86-64 runs only under qemu.
jmods=${ARM64_JMODS:-/usr/lib/jvm/java-17-openjdk-arm64/jmods}
arm64=$target/dist/stackviz-arm64
arm64_tarball=stackviz-$version-linux-aarch64.tar.gz
rm -f "$target/$arm64_tarball"
if [ ! -f "$jmods/java.base.jmod" ]; then
    echo "stackviz: no arm64 app image: no arm64 JDK modules in $jmods (Debian: dpkg --add-architecture arm64 &&" \
        "apt-get install openjdk-17-jdk-headless:arm64)" >&2
elif ! "$jdk/jar" --list --file "$jar" | grep -qx linux-aarch64/libstackviz.so; then
    echo "stackviz: no arm64 app image: the jar has no arm64 switch (no aarch64-linux-gnu-gcc at build time)" >&2
else
    "$jdk/jlink" --module-path "$jmods:$work/mods" --add-modules stackviz --strip-java-debug-attributes \
        --no-header-files --no-man-pages --add-options=-XX:TieredStopAtLevel=1 --output "$arm64"
    finish "$arm64" linux-aarch64
    (cd "$target/dist" && tar --sort=name --owner=0 --group=0 --numeric-owner --transform 's,^stackviz-arm64,stackviz,' \
        -czf "$target/$arm64_tarball" stackviz-arm64)
    echo "stackviz: arm64 app image in $arm64, packed in target/$arm64_tarball"
fi
