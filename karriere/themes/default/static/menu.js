/* The phone menu: a real button that opens and closes the main navigation. Without JS the
   "Menü" link jumps to #menu, which CSS (:target) shows. */
(function () {
  /* List pages: the filter disclosure stands open beside the results on wide screens. */
  if (window.matchMedia && matchMedia("(min-width: 64rem)").matches) {
    [].forEach.call(document.querySelectorAll("details.refine"), function (d) { d.open = true; });
  }
  var nav = document.getElementById("menu");
  var button = document.querySelector("button.menu-toggle");
  if (!nav || !button) return;
  function set(open) {
    nav.classList.toggle("is-open", open);
    button.setAttribute("aria-expanded", open ? "true" : "false");
  }
  document.querySelector("a.menu-toggle").hidden = true;
  if (location.hash === "#menu") set(true);
  button.hidden = false;
  button.addEventListener("click", function () {
    set(button.getAttribute("aria-expanded") !== "true");
  });
  nav.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { set(false); button.focus(); }
  });
})();
