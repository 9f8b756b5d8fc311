// karriere live preview: reload after a rebuild, show build errors as an overlay.
(function () {
  var base = document.currentScript.src.replace(/live\.js.*$/, "");
  var first = null;
  function overlay(msg) {
    var old = document.getElementById("karriere-overlay");
    if (old) old.remove();
    if (msg.ok) return;
    var box = document.createElement("div");
    box.id = "karriere-overlay";
    box.setAttribute("role", "alert");
    box.setAttribute("data-karriere-overlay", "");
    var h = document.createElement("h2");
    h.textContent = msg.title;  // in the editor's language, as on the console
    box.appendChild(h);
    var list = document.createElement("ul");
    msg.errors.forEach(function (e) {
      var li = document.createElement("li");
      var code = document.createElement("code");
      code.textContent = e.where;
      li.appendChild(code);
      li.appendChild(document.createTextNode(": " + e.message));
      if (e.source) {
        var pre = document.createElement("pre");
        pre.textContent = e.source;
        li.appendChild(pre);
      }
      list.appendChild(li);
    });
    box.appendChild(list);
    document.body.appendChild(box);
  }
  var style = document.createElement("link");
  style.rel = "stylesheet";
  style.href = base + "overlay.css";
  document.head.appendChild(style);
  var source = new EventSource(base + "events");
  source.onmessage = function (event) {
    var msg = JSON.parse(event.data);
    if (first === null) {
      first = msg.generation;
      document.documentElement.setAttribute("data-karriere-live", "connected");
      overlay(msg);
      return;
    }
    if (msg.generation === first) return;
    first = msg.generation;
    if (msg.ok) { location.reload(); } else { overlay(msg); }
  };
})();
