#!/usr/bin/python3
"""Check META.json, abm's PGXN distribution metadata (https://pgxn.org/spec/,
meta-spec 1.0.0): valid JSON, the keys the spec requires, semantic versions,
and agreement with the source tree (the version with abm.control's
default_version, the files it names exist). Run by make test; prints
"META.json: ok (abm 1.1.0)" or what is wrong, and exits 1 when something is.
"""

import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+)?$")
LICENSES = {"agpl_3", "apache_1_1", "apache_2_0", "artistic_1", "artistic_2", "bsd", "freebsd",
            "gfdl_1_2", "gfdl_1_3", "gpl_1", "gpl_2", "gpl_3", "lgpl_2_1", "lgpl_3_0", "mit",
            "mozilla_1_0", "mozilla_1_1", "openssl", "perl_5", "postgresql", "qpl_1_0",
            "ssleay", "sun", "zlib", "open_source", "restricted", "unrestricted", "unknown"}


def main():
    problems = []
    path = os.path.join(ROOT, "META.json")
    try:
        with open(path, encoding="utf-8") as f:
            meta = json.load(f)
    except (OSError, ValueError) as e:
        print(f"not ok - META.json: {e}")
        return 1

    for key in ("name", "abstract", "version", "maintainer", "license", "provides", "meta-spec"):
        if key not in meta:
            problems.append(f"missing required key {key!r}")
    if meta.get("meta-spec", {}).get("version") != "1.0.0":
        problems.append("meta-spec version is not 1.0.0")
    if not SEMVER.match(str(meta.get("version", ""))):
        problems.append(f"version {meta.get('version')!r} is not a semantic version")
    # A license is a name from the spec's list, a list of them, or {name: URL}.
    license_ = meta.get("license")
    if isinstance(license_, str):
        known = license_ in LICENSES
    elif isinstance(license_, list):
        known = bool(license_) and all(n in LICENSES for n in license_)
    else:
        known = isinstance(license_, dict) and bool(license_)
    if not known:
        problems.append(f"license {license_!r} is not a PGXN license")

    # The distribution's version is the extension's default_version, as x.y.0.
    with open(os.path.join(ROOT, "abm.control"), encoding="utf-8") as f:
        m = re.search(r"^default_version\s*=\s*'([^']+)'", f.read(), re.M)
    control_version = m.group(1) if m else None
    if control_version is None or meta.get("version") != control_version + ".0":
        problems.append(f"version {meta.get('version')!r} does not match abm.control's "
                        f"default_version {control_version!r}")

    for ext, p in meta.get("provides", {}).items():
        if not isinstance(p, dict) or "file" not in p or "version" not in p:
            problems.append(f"provides.{ext} needs file and version")
            continue
        if not SEMVER.match(p["version"]):
            problems.append(f"provides.{ext}.version {p['version']!r} is not a semantic version")
        for key in ("file", "docfile"):
            if key in p and not os.path.isfile(os.path.join(ROOT, p[key])):
                problems.append(f"provides.{ext}.{key} {p[key]!r} does not exist")

    for phase, kinds in meta.get("prereqs", {}).items():
        for kind, reqs in kinds.items():
            for name, version in reqs.items():
                if version != "0" and not SEMVER.match(version):
                    problems.append(f"prereqs.{phase}.{kind}.{name} {version!r} is not a version")

    for p in problems:
        print(f"not ok - META.json: {p}")
    if problems:
        return 1
    print(f"META.json: ok ({meta['name']} {meta['version']}, meta-spec 1.0.0)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
