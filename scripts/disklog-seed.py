#!/usr/bin/env python3
# The first seed's program ("Back to Log Parsing", the project's starting point), written out from its text
# for the side-by-side benchmark in scripts/disklog-bench.sh. Changes from the text, none of them to the logic:
#   - the log file is the first argument instead of the literal "EXAMPLE_LOG.log";
#   - the regular expressions are raw strings (the text's "\[" is an invalid escape warning in Python 3.12);
#   - the text's "yield serial" line lost its indentation in the source; it is indented as the text describes.
# It reads the whole file into memory, walks it backwards, and prints one serial per XFS error it reaches.
import re
import sys


def match_regex(filename, regex):
    with open(filename) as file:
        lines = file.readlines()
    for line in reversed(lines):
        match = re.match(regex, line)
        if match:
            regex = yield match.groups()[0]


def get_serials(filename):
    ERROR_RE = r"XFS ERROR (\[sd[a-z]\])"
    matcher = match_regex(filename, ERROR_RE)
    device = next(matcher)
    while True:
        try:
            bus = matcher.send(
                r"(sd \S+) {}.*".format(re.escape(device))
            )
            serial = matcher.send(r"{} \(SERIAL=([^)]*)\)".format(bus))
            yield serial
            device = matcher.send(ERROR_RE)
        except StopIteration:
            matcher.close()
            return


for serial_number in get_serials(sys.argv[1]):
    print(serial_number)
