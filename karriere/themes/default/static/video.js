/* Video facades: nothing loads from YouTube or Vimeo until the visitor presses play. */
(function () {
  function play(event) {
    var facade = event.currentTarget.parentNode;
    var frame = document.createElement("iframe");
    frame.src = facade.getAttribute("data-video-src");
    frame.title = facade.getAttribute("data-video-title");
    frame.allow = "autoplay; encrypted-media; fullscreen; picture-in-picture";
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    facade.replaceWith(frame);
    frame.focus();
  }
  var facades = document.querySelectorAll("[data-video-src]");
  for (var i = 0; i < facades.length; i++) {
    var button = facades[i].querySelector("button");
    facades[i].querySelector("a").hidden = true; /* the no-JS fallback: a plain link */
    button.hidden = false;
    button.addEventListener("click", play);
  }
})();
