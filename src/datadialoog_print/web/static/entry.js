// The entry page: its kits are plain downloads and need nothing of this. Where WebAssembly is blocked it says so
// and offers no workspace; elsewhere it starts keeping the site for offline use, so the workspace opens sooner.
(function () {
  if (typeof WebAssembly !== "object") {
    document.documentElement.dataset.workspace = "unavailable";
    document.getElementById("no-wasm").hidden = false;
    document.getElementById("workspace-offer").hidden = true;
    return;
  }
  if ("serviceWorker" in navigator) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register("sw.js").catch(function () {});
    });
  }
})();
