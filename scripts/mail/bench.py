#!/usr/bin/python3
"""Python half of `make bench-mail`: parse every .eml in a folder with Python's email package
(policy.default) and call get_content() on every leaf part, as the Swift parser decodes every part.

Prints `python_mb_per_s=N` (megabytes of raw message per second, best of the rounds run).
"""
import email
import email.policy
import os
import sys
import time


def parse_all(messages):
    for raw in messages:
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        for part in msg.walk():
            if part.is_multipart():
                continue
            try:
                part.get_content()
            except (LookupError, KeyError):
                part.get_payload(decode=True)


def main():
    folder = sys.argv[1]
    min_seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 3.0
    names = sorted(n for n in os.listdir(folder) if n.endswith(".eml"))
    messages = []
    for name in names:
        with open(os.path.join(folder, name), "rb") as f:
            messages.append(f.read())
    total = sum(len(m) for m in messages)
    best = None
    started = time.perf_counter()
    rounds = 0
    while rounds < 2 or time.perf_counter() - started < min_seconds:
        begin = time.perf_counter()
        parse_all(messages)
        elapsed = time.perf_counter() - begin
        best = elapsed if best is None else min(best, elapsed)
        rounds += 1
    print(f"python_mb_per_s={total / best / 1e6:.2f}")


if __name__ == "__main__":
    main()
