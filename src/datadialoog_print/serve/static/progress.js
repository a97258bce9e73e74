// Follows a build's progress (server-sent events) and opens its result when it is done.
(function () {
  function follow(box) {
    if (box.dataset.following) return;
    box.dataset.following = "1";
    box.scrollIntoView({block: "nearest"});
    var bar = box.querySelector("progress");
    var text = box.querySelector("[data-progress-text]");
    var source = new EventSource(box.dataset.events);
    source.addEventListener("progress", function (e) {
      var d = JSON.parse(e.data);
      if (d.total > 0) { bar.max = d.total; bar.value = d.done; }
      if (d.state === "waiting") { text.textContent = box.dataset.waiting; }
      else if (d.total > 0 && d.done < d.total) {
        text.textContent = box.dataset.cards.replace("{done}", d.done).replace("{total}", d.total);
      } else { text.textContent = box.dataset.rest; }
    });
    function finish(e) { source.close(); window.location.assign(JSON.parse(e.data).url); }
    source.addEventListener("done", finish);
    source.addEventListener("failed", finish);
  }
  function scan() { document.querySelectorAll("[data-events]").forEach(follow); }
  document.addEventListener("DOMContentLoaded", scan);
  document.addEventListener("htmx:afterSettle", scan);
})();
