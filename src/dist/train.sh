#!/bin/sh
# Writes the class list of stackviz's usual runs to $2, running the app image $1: each command
# prints the classes it loaded (-XX:DumpLoadedClassList), and the build dumps them into the image's
# class-data archive. The full-screen runs need a terminal: script(1) gives them one where it exists.
set -eu
image=$1
list=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
run() {
    name=$1
    shift
    "$image/bin/java" -XX:DumpLoadedClassList="$work/$name.txt" -Djna.boot.library.path="$image/lib/native" \
        -Djna.nounpack=true -Djna.library.path="$image/lib/native" -m stackviz/dev.stackviz.cli.Main "$@" \
        > /dev/null 2>&1 < /dev/null
}
run dump dump --timeout 100ms
run fibers-dump dump --fibers 3
run help --help
if command -v script > /dev/null; then
    # the same command line as run(), in a pseudo-terminal of 80x24
    for view in "view --keys 'n n n n n s 300ms k ? x q'" "fibers fibers --keys 'n n n s 300ms k q'"; do
        name=${view%% *}
        args=${view#* }
        TERM=xterm-256color COLUMNS=80 LINES=24 script -qec "stty cols 80 rows 24; \"$image/bin/java\" \
-XX:DumpLoadedClassList=\"$work/$name.txt\" -Djna.boot.library.path=\"$image/lib/native\" -Djna.nounpack=true \
-Djna.library.path=\"$image/lib/native\" -m stackviz/dev.stackviz.cli.Main $args" /dev/null > /dev/null 2>&1 < /dev/null
    done
else
    echo "train: no script(1) here: the full-screen classes load from the image, not the archive" >&2
fi
cat "$work"/*.txt | grep -v '^#' | sort -u > "$list"
echo "train: $(wc -l < "$list") classes from $(ls "$work" | wc -l) runs"
