/* "Open now" beside the phone hours: computed here from the page's own data, in Berlin
   time; nothing is requested. data-hours: [[days (0 = Monday), from, to (minutes)], ...].
   The text changes only when the state does, so a screen reader hears it rarely. */
(function () {
  var DAYS = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };
  var clock = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/Berlin", weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23"
  });
  function now() {
    var parts = {};
    clock.formatToParts(new Date()).forEach(function (p) { parts[p.type] = p.value; });
    return [DAYS[parts.weekday], parseInt(parts.hour, 10) * 60 + parseInt(parts.minute, 10)];
  }
  function open(slots, at) {
    return slots.some(function (s) {
      return s[0].indexOf(at[0]) >= 0 && at[1] >= s[1] && at[1] < s[2];
    });
  }
  var hints = document.querySelectorAll("[data-hours]");
  function update() {
    var at = now();
    for (var i = 0; i < hints.length; i++) {
      var hint = hints[i], state = open(JSON.parse(hint.getAttribute("data-hours")), at);
      var text = hint.getAttribute(state ? "data-open" : "data-closed");
      if (hint.textContent !== text) {
        hint.textContent = text;
        hint.setAttribute("data-state", state ? "open" : "closed");
      }
      hint.hidden = false;
    }
  }
  update();
  setInterval(update, 60000);
})();
