"""The forms of theme words that no template asks for by name, declared here so that
`pybabel extract` (babel.cfg) puts them into theme.pot and `pybabel update` keeps them:

- the du form of a word that addresses the reader (msgctxt "du"; strings.Words picks it
  for a site with `address: du`);
- the twin of a word that names an organisation in a German case, for names whose
  article is not known (msgctxt "ohne Artikel", or "du, ohne Artikel");
- words of the language pages, Leichte Sprache and DGS, ready for their templates.

Nothing calls declared() while building; tests/render/test_catalogs.py reads it.
"""

from __future__ import annotations


def declared(gettext, pgettext) -> list[str]:
    return [
        # karriere's default vacancy categories (config/settings.py DEFAULT_CATEGORIES)
        gettext("Ausbildung"),
        gettext("Duales Studium"),
        gettext("Praktikum"),
        gettext("Fachkräfte"),
        gettext("Beamtenlaufbahn"),
        pgettext("du", "Sie sind hier"),
        pgettext("du", "Ihre Unterlagen"),
        pgettext(
            "ohne Artikel",
            "Aktuelle Stellenangebote, Ausbildungsplätze und Praktika %(organisation:bei)s.",
        ),
        pgettext("ohne Artikel", "%(category)s: aktuelle Stellenangebote %(organisation:bei)s."),
        pgettext(
            "du",
            "Ausbildung, Studium und Jobs %(organisation:bei)s: offene Stellen, Geschichten von Azubis und Antworten auf Ihre Fragen.",
        ),
        pgettext(
            "ohne Artikel",
            "Ausbildung, Studium und Jobs %(organisation:bei)s: offene Stellen, Geschichten von Azubis und Antworten auf Ihre Fragen.",
        ),
        pgettext(
            "du, ohne Artikel",
            "Ausbildung, Studium und Jobs %(organisation:bei)s: offene Stellen, Geschichten von Azubis und Antworten auf Ihre Fragen.",
        ),
        pgettext(
            "du",
            "Zurzeit gibt es hier keine offenen Stellen. Schauen Sie bald wieder vorbei oder sehen Sie sich alle Stellenangebote an.",
        ),
        pgettext(
            "ohne Artikel",
            "Azubis und Beschäftigte %(organisation:von)s erzählen aus ihrem Arbeitsalltag.",
        ),
        pgettext(
            "ohne Artikel",
            "Antworten auf häufige Fragen zu Bewerbung, Ausbildung und Arbeit %(organisation:bei)s.",
        ),
        pgettext(
            "du", "Hier finden Sie Antworten auf die Fragen, die uns am häufigsten gestellt werden."
        ),
        pgettext("du", "Ihre Ansprechperson"),
        # the search (templates/search.html, partials/search_form.html)
        pgettext("du", "Die Suche ist gerade nicht verfügbar. Bitte laden Sie die Seite neu."),
        pgettext("du", "Nichts gefunden. Versuchen Sie ein anderes Wort oder weniger Filter."),
        pgettext(
            "du",
            "Die Suche braucht JavaScript. Ohne JavaScript finden Sie alle Stellen in der Liste:",
        ),
        pgettext("du", "Durchsuchen Sie Stellenangebote, Geschichten, Berufe und häufige Fragen."),
        pgettext("du", "Folgen Sie uns"),
        pgettext("ohne Artikel", "Ein Karriereportal %(organisation:von)s."),
        pgettext(
            "ohne Artikel",
            "Die Arbeitgeber im Netzwerk %(organisation:von)s und ihre offenen Stellen.",
        ),
        pgettext("ohne Artikel", "Offene Stellen %(employer:bei)s"),
        pgettext(
            "ohne Artikel",
            "Welche Berufe gibt es %(organisation:bei)s? Alle Ausbildungsberufe und Studiengänge von A bis Z.",
        ),
        pgettext(
            "du",
            "Alle Berufe von A bis Z: Klicken Sie auf einen Beruf, um offene Stellen, Geschichten und Antworten zu sehen.",
        ),
        pgettext(
            "du",
            "Zurzeit gibt es in diesem Beruf keine offene Stelle. Schauen Sie bald wieder vorbei oder fragen Sie uns.",
        ),
        pgettext(
            "ohne Artikel",
            "Ausbildungsmessen, Infotage und Tage der offenen Tür %(organisation:bei)s.",
        ),
        pgettext(
            "du",
            "Lernen Sie uns persönlich kennen: Hier finden Sie unsere nächsten Messen und Infotage.",
        ),
        pgettext("du", "Zurzeit sind keine Termine geplant. Schauen Sie bald wieder vorbei."),
        pgettext(
            "du",
            "Dieser Aushang passt auf eine DIN-A4-Seite. Drucken Sie ihn über das Druckmenü Ihres Browsers.",
        ),
        pgettext("du", "Fragen Sie uns einfach"),
        pgettext(
            "du",
            "Beiträge aus unseren Kanälen auf Instagram, TikTok und Co. Bilder und Clips liegen auf dieser Website; die Plattformen erfahren nichts von Ihrem Besuch, bis Sie einem Link dorthin folgen.",
        ),
        pgettext("du", "Oder schreiben Sie uns auf"),
        pgettext(
            "du",
            "WhatsApp gehört zu Meta. Meta erfährt Ihre Telefonnummer, dass Sie uns geschrieben haben und wann. Den Inhalt Ihrer Nachricht kann Meta nicht lesen.",
        ),
        pgettext(
            "du",
            "Signal wird von der gemeinnützigen Signal-Stiftung betrieben. Die Stiftung erfährt nur wenig: Ihre Telefonnummer und wann Sie Signal zuletzt genutzt haben, nicht mit wem Sie schreiben.",
        ),
        pgettext(
            "du",
            "Threema ist ein Schweizer Dienst. Threema erfährt Ihre Threema-ID und wann Sie den Dienst nutzen; eine Telefonnummer ist nicht nötig.",
        ),
        gettext("auf Deutsch"),
        gettext("Sprache"),
        gettext("Sprache wählen"),
        gettext("Diese Seite auf %(language)s"),
        gettext("Leichte Sprache"),
        gettext("Gebärdensprache"),
        gettext("Informationen in Leichter Sprache"),
        gettext("Informationen in Deutscher Gebärdensprache"),
        gettext("Video herunterladen"),
        gettext("Auflösung"),
        gettext("Laufzeit"),
        gettext("Dateigröße"),
        gettext("Weiter"),
        gettext("Zurück"),
        gettext("Zur deutschen Seite"),
        gettext("Diese Seite gibt es nur auf Deutsch."),
        # The answered questions and the question form (questions.html)
        pgettext(
            "du",
            "Fragen, die uns erreicht haben, mit unseren Antworten. Stellen Sie uns Ihre eigene Frage.",
        ),
        pgettext("du", "Gefragt und beantwortet: neue Fragen und wie Sie uns fragen"),
        pgettext("du", "Gefragt und beantwortet: Ihre Frage an uns"),
        pgettext("du", "Stellen Sie uns Ihre Frage"),
        pgettext("du", "Geben Sie dafür unten Ihre E-Mail-Adresse oder Ihre Telefonnummer an."),
        pgettext("du", "Ihre Frage"),
        pgettext("du", "Wir verwenden Ihre Angaben nur, um Ihre Frage zu beantworten."),
        pgettext("du", "Schreiben Sie uns Ihre Frage per E-Mail:"),
    ]
