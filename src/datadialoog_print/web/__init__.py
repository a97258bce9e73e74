"""The web edition: the workspace running inside the browser tab (Pyodide), written as a folder of static files.

:mod:`.site` writes the folder (``datadialoog-print site DIR``): the entry page with the ready-made
kits (:mod:`.kits`), the Python archive the tab unpacks (:mod:`.bundle`), Pyodide and pdf.js from
the npm packages, and the shell, worker and service worker of ``static/``. :mod:`.runtime` runs in
the tab: it hands each request of the workspace's pages to the same Starlette application ``serve``
runs. ``standin/PIL`` is the minimal module that stands in for Pillow there.
"""
