#!/usr/bin/env python3
"""NFIQ 2 scores of FVC-style folders, for `beder eval --edc --edc-reference`.

Development only (issue #17): NIST's NFIQ 2 through the nbis-py binding,
whose 0.1.3 wheel runs on Debian 12's glibc:

    python3 -m venv v && v/bin/pip install nbis-py==0.1.3
    v/bin/python tools/nfiq2_scores.py DIR [DIR ...] > nfiq2.csv
    beder eval DIR [DIR ...] --edc --edc-reference nfiq2.csv

Writes one `SET/FILE,SCORE` line per FINGER_IMPRESSION image (SET is the
folder's name); an image NFIQ 2 cannot score gets `failed`, which
`beder eval` counts as 0.
"""
import os
import sys

import nbis

EXTENSIONS = (".tif", ".tiff", ".png", ".bmp", ".jpg", ".jpeg")


def main(dirs):
    settings = nbis.NbisExtractorSettings(
        min_quality=0.0,
        get_center=False,
        check_fingerprint=False,
        compute_nfiq2=True,
        ppi=500.0,
    )
    extractor = nbis.new_nbis_extractor(settings)
    for folder in dirs:
        name = os.path.basename(os.path.normpath(folder))
        for file in sorted(os.listdir(folder)):
            if not file.lower().endswith(EXTENSIONS):
                continue
            try:
                found = extractor.extract_minutiae_from_image_file(os.path.join(folder, file))
                quality = found.quality()
                score = "failed" if quality is None else str(quality.score)
            except nbis.NbisError:
                score = "failed"
            print(f"{name}/{file},{score}", flush=True)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
