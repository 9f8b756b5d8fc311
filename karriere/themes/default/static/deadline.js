/* Honest deadlines between builds: a vacancy whose deadline (inclusive, Berlin time) has
   passed since the last build is marked expired and its apply link disabled.
   No request, no cookie; without JS the page stays as it was built. */
(function () {
  var today;
  try {
    today = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Berlin" }).format(new Date());
  } catch (e) {
    today = new Date().toISOString().slice(0, 10);
  }
  var items = document.querySelectorAll("[data-deadline]");
  for (var i = 0; i < items.length; i++) {
    var item = items[i];
    if (item.getAttribute("data-deadline") >= today) continue;
    item.classList.add("is-expired");
    var notes = item.querySelectorAll("[data-deadline-note]");
    for (var n = 0; n < notes.length; n++) notes[n].hidden = false;
    var links = item.querySelectorAll("a[data-apply]");
    for (var l = 0; l < links.length; l++) {
      links[l].removeAttribute("href");
      links[l].setAttribute("role", "link");
      links[l].setAttribute("aria-disabled", "true");
    }
  }
})();
