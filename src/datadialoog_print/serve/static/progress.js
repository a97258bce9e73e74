// Follows a build's progress (server-sent events) and opens its result when it is done. While it runs, the
// print form's button is disabled and says so, and the bar moves: by cards while the cards are drawn, then as
// a bar without an end (the other documents), never standing full while work goes on.
(function () {
  function busy(box, on) {
    var form = document.getElementById("print-form");
    if (!form) return;
    form.setAttribute("aria-busy", on ? "true" : "false");
    form.querySelectorAll("button[type=submit]").forEach(function (b) {
      b.disabled = on;
      if (on) { b.dataset.label = b.dataset.label || b.textContent; b.textContent = box.dataset.busy; }
      else if (b.dataset.label) { b.textContent = b.dataset.label; }
    });
  }
  function follow(box) {
    if (box.dataset.following) return;
    box.dataset.following = "1";
    box.scrollIntoView({block: "nearest"});
    busy(box, true);
    var bar = box.querySelector("progress");
    var text = box.querySelector("[data-progress-text]");
    var source = new EventSource(box.dataset.events);
    source.addEventListener("progress", function (e) {
      var d = JSON.parse(e.data);
      if (d.state === "waiting") { text.textContent = box.dataset.waiting; return; }
      if (d.total > 0 && d.done < d.total) {
        bar.max = d.total; bar.value = d.done;
        var lang = document.documentElement.lang;  // 1.000 in Dutch, 1,000 in English
        text.textContent = box.dataset.cards.replace("{done}", d.done.toLocaleString(lang))
          .replace("{total}", d.total.toLocaleString(lang));
      } else if (text.textContent !== box.dataset.rest) {
        bar.removeAttribute("value");  // no end known: the other documents
        text.textContent = box.dataset.rest;
      }
    });
    function finish(e) { source.close(); window.location.assign(JSON.parse(e.data).url); }
    source.addEventListener("done", finish);
    source.addEventListener("failed", finish);
    source.onerror = function () { if (source.readyState === EventSource.CLOSED) { busy(box, false); } };
  }
  function scan() {
    document.querySelectorAll("[data-events]").forEach(follow);
    var summary = document.querySelector(".error-summary");
    if (summary && !summary.dataset.focused) { summary.dataset.focused = "1"; summary.focus(); }
  }
  document.addEventListener("DOMContentLoaded", scan);
  document.addEventListener("htmx:afterSettle", scan);
})();
