"""The web edition's stand-in for Pillow: ReportLab imports ``PIL.Image`` when it loads, and no document of
this tool draws a raster image, so this module only has to be importable and refuse images clearly."""
