#!/usr/bin/env python3
"""Replays an asciicast v2 file through pyte, a real terminal emulator, and prints as JSON what a
viewer sees: for every output event, the screen after it, and for every marker, its index among
the screens. Usage: screens.py FILE.cast  ->  {"screens": [...], "markers": [[label, index], ...]}
"""
import json
import sys

import pyte


def main(path):
    with open(path, encoding="utf-8") as cast:
        lines = cast.read().splitlines()
    header = json.loads(lines[0])
    screen = pyte.Screen(header["width"], header["height"])
    stream = pyte.Stream(screen)
    screens, markers = [], []
    for line in lines[1:]:
        _, code, data = json.loads(line)
        if code == "o":
            stream.feed(data)
            screens.append("\n".join(row.rstrip() for row in screen.display) + "\n")
        elif code == "r":
            columns, rows = (int(n) for n in data.split("x"))
            screen.resize(rows, columns)
        elif code == "m":
            markers.append([data, len(screens)])
    json.dump({"screens": screens, "markers": markers}, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
