"""Paper: sizes in millimetres, where cards go on a sheet, fonts and text fitting, and which file goes on which paper."""
