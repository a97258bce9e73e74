#!/bin/sh
# How src/datadialoog_print/render/profiles/FOGRA39L-argyll.icc was made (once, by hand; nothing at run
# time or in the tests needs this). The characterization data FOGRA39L.ti3 comes from Debian's
# icc-profiles-free (zlib licence, Kai-Uwe Behrmann); ArgyllCMS's colprof computes the profile.
#   apt-get install icc-profiles-free argyll
set -eu
work=$(mktemp -d)
cp /usr/share/color/icc/FOGRA39L.ti3 "$work/FOGRA39L-argyll.ti3"
cd "$work"
# -ql: low quality tables (28 KB; max dE 1.9, mean 0.5 against the 1617 measured patches, see profcheck),
# small enough to embed in every card file; -kr -l330 -L100: black generation and the ink limits of FOGRA39.
colprof -ql -kr -l330 -L100 -nc -A "datadialoog-print" -M "FOGRA39L characterization data" \
  -D "FOGRA39 (ArgyllCMS profile from FOGRA39L.ti3)" \
  -C "Made with ArgyllCMS colprof from FOGRA39L.ti3 (Kai-Uwe Behrmann, zlib licence). zlib licence." \
  FOGRA39L-argyll
profcheck FOGRA39L-argyll.ti3 FOGRA39L-argyll.icc | tail -1
echo "$work/FOGRA39L-argyll.icc"

# SWOP-TR003-argyll.icc, the same way from TR003.ti3 (ANSI/CGATS/SWOP TR 003-2007, SWOP grade 3 coated;
# icc-profiles-free, zlib licence), with SWOP's total ink limit of 300 %:
#   cp /usr/share/color/icc/TR003.ti3 SWOP-TR003-argyll.ti3
#   colprof -ql -kr -l300 -L100 -nc -A "datadialoog-print" -M "CGATS TR 003 characterization data" \
#     -D "SWOP Grade 3 coated (ArgyllCMS profile from CGATS TR 003)" \
#     -C "Made with ArgyllCMS colprof from the characterization data of ANSI/CGATS/SWOP TR 003-2007 (NPES; distributed in Debian icc-profiles-free, zlib licence)." \
#     SWOP-TR003-argyll
#   profcheck SWOP-TR003-argyll.ti3 SWOP-TR003-argyll.icc   # max dE 1.5, mean 0.4
