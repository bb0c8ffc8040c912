"""A small demo course (two modules from the training's curriculum) and the site's
information pages, so that `make run` shows a working site. The full training arrives
later through the content importer. The `load_demo_content` command (in quizzes/, which adds
a quiz to each module) runs these, then mirrors the pages into English.

Idempotent: pages are matched by slug under their parent and left alone when they exist.
"""

import json
from collections.abc import Callable

from django.db import transaction

from wagtail.models import Locale, Page, Site

from .models import CourseIndexPage, CoursePage, HomePage, InformationPage, LessonPage, ModulePage


def _text(html: str) -> dict:
    return {"type": "paragraph", "value": html}


HOME_INTRO = (
    "<p>Samverkansakademin är en webbutbildning för dig som leder det lokala brottsförebyggande "
    "arbetet i en kommun eller i lokalpolisen. Här lär du dig att kartlägga lokala problem, ta fram "
    "en gemensam lägesbild, välja åtgärder och följa upp dem – tillsammans.</p>"
)

INFORMATION_PAGES = [
    {
        "slug": "om-utbildningen",
        "title": "Om utbildningen",
        "intro": "Utbildningen bygger på den pilotutbildning för lokala samordnare som SKL (i dag SKR), "
        "Rikspolisstyrelsen och Brå genomförde 2008–2012.",
        "body": [
            _text(
                "<p>Mer än 85 procent av kommunerna samverkar med polisen utifrån skriftliga "
                "samverkansöverenskommelser. Utbildningen ger kommunens och polisens samordnare ett "
                "gemensamt språk och en gemensam arbetsmodell: från kartläggning och lägesbild till "
                "åtgärder och uppföljning.</p>"
            )
        ],
    },
    {
        "slug": "personuppgifter",
        "title": "Så behandlar vi personuppgifter",
        "intro": "Vi sparar bara de uppgifter som behövs för att du ska kunna gå utbildningen och få ett intyg.",
        "body": [
            _text(
                "<p>Vi sparar ditt namn, din e-postadress, din organisation och kommun samt dina "
                "framsteg i kurserna. Du kan när som helst ladda ned dina uppgifter eller radera ditt "
                "konto från din profilsida.</p>"
            )
        ],
    },
    {
        "slug": "tillganglighet",
        "title": "Tillgänglighetsredogörelse",
        "intro": "Samverkansakademin ska kunna användas av alla, också med tangentbord, skärmläsare och förstoring.",
        "body": [
            _text(
                "<p>Webbplatsen strävar efter att uppfylla WCAG 2.1 nivå AA enligt lagen om "
                "tillgänglighet till digital offentlig service. Alla sidor fungerar utan JavaScript. "
                "Om du stöter på hinder, kontakta oss så åtgärdar vi dem.</p>"
            )
        ],
    },
]

COURSE = {
    "slug": "samordnarutbildningen",
    "title": "Samordnarutbildningen – lokalt brottsförebyggande arbete",
    "summary": "Grundutbildning för kommunens och polisens samordnare: från samverkan och lag till "
    "lägesbild, åtgärder och uppföljning.",
    "description": "<p>Kursen följer arbetsgången i Brås handbok om samverkan i lokalt brottsförebyggande "
    "arbete. Varje modul avslutas med frågor och en uppgift om din egen kommun.</p>",
    "audience": "Brottsförebyggande samordnare i kommuner och kommunpoliser",
    "estimated_hours": 12,
}

MODULES = [
    {
        "slug": "samverkan-for-trygghet",
        "title": "Modul 1: Samverkan för trygghet",
        "summary": "Varför brottsförebyggande arbete är lokalt, vilka aktörerna är och vad samordnaren gör.",
        "objectives": "<ul><li>Kunna namnge aktörerna och deras roller.</li>"
        "<li>Kunna beskriva samordnarens uppgifter.</li></ul>",
        "lessons": [
            {
                "slug": "varfor-lokalt",
                "title": "Varför förebyggande arbete är lokalt",
                "summary": "Brott koncentreras till vissa platser, tider och grupper – därför behövs lokal kunskap.",
                "minutes": 10,
                "body": [
                    _text(
                        "<p>Brott är inte jämnt fördelade. Vissa platser, personer och föremål drabbas "
                        "betydligt oftare än andra, och brotten följer mönster över dygnet, veckan och "
                        "året. Den som ska förebygga brott behöver därför känna till just sin kommun.</p>"
                    ),
                    _text(
                        "<p>Kommunen har många av de verktyg som behövs: skola, socialtjänst, fritid, "
                        "samhällsplanering och ofta ett bostadsbolag. Polisen har kunskap om brotten och "
                        "gärningspersonerna. Tillsammans kan de se mer och göra mer än var för sig.</p>"
                    ),
                    {
                        "type": "fact_box",
                        "value": {
                            "title": "Visste du?",
                            "body": "<p>Sedan den 1 juli 2023 har kommunerna ett lagstadgat ansvar för "
                            "brottsförebyggande arbete enligt lag (2023:196).</p>",
                        },
                    },
                    {
                        "type": "reflection",
                        "value": {
                            "question": "Var och när sker de flesta brott i din kommun?",
                            "guidance": "Fundera på vilka uppgifter du har i dag och vilka du saknar.",
                        },
                    },
                ],
            },
            {
                "slug": "aktorerna",
                "title": "Aktörerna",
                "summary": "Kommunen, lokalpolisområdet, länsstyrelsen, Brå och SKR – vem gör vad?",
                "minutes": 15,
                "body": [
                    {"type": "heading", "value": {"text": "Lokala aktörer", "level": "h2"}},
                    _text(
                        "<p><b>Kommunen</b> driver ofta arbetet och har en brottsförebyggande samordnare. "
                        "<b>Lokalpolisområdet</b> är polisens lokala nivå; kommunens samarbetspartner där "
                        "är ofta en kommunpolis.</p>"
                    ),
                    {"type": "heading", "value": {"text": "Regionala och nationella aktörer", "level": "h2"}},
                    _text(
                        "<p>Sedan 2015 är Polismyndigheten en myndighet med sju polisregioner. "
                        "Länsstyrelserna stödjer och samordnar sedan 2017 det regionala "
                        "brottsförebyggande arbetet. Brå tar fram statistik och metodstöd, och SKR "
                        "företräder kommunerna och har tagit fram samverkanshandboken tillsammans med "
                        "Brå och polisen.</p>"
                    ),
                    {
                        "type": "quote",
                        "value": {
                            "quote": "Varje polisregion har en brottsförebyggande samordnare.",
                            "attribution": "Brå",
                        },
                    },
                ],
            },
            {
                "slug": "samordnarens-roll",
                "title": "Samordnarens roll",
                "summary": "Samordnaren sammanställer lägesbilden, analyserar tillsammans med polisen och bereder beslut.",
                "minutes": 10,
                "body": [
                    _text(
                        "<p>Den brottsförebyggande samordnaren sammanställer kommunens lägesbild, gör "
                        "den gemensamma analysen tillsammans med kommunpolisen och bereder beslut till "
                        "styrgruppen. I små kommuner är uppdraget ofta en liten del av en tjänst.</p>"
                    ),
                    {
                        "type": "case",
                        "value": {
                            "title": "Fallet Storby",
                            "body": "<p>I Storby har anmälningarna om skadegörelse vid busstationen ökat "
                            "under hösten. Samordnaren får i uppdrag att ta fram ett underlag till "
                            "styrgruppen inom en månad.</p>",
                        },
                    },
                    {
                        "type": "reflection",
                        "value": {"question": "Vilka uppgifter och vilka personer behöver samordnaren i Storby?"},
                    },
                ],
            },
        ],
    },
    {
        "slug": "fran-overenskommelse-till-lag",
        "title": "Modul 2: Från överenskommelse till lag",
        "summary": "Från 1996 års program till lagen om kommuners ansvar för brottsförebyggande arbete.",
        "objectives": "<ul><li>Kunna placera viktiga reformer på en tidslinje.</li>"
        "<li>Kunna redogöra för vad lagen från 2023 kräver.</li></ul>",
        "lessons": [
            {
                "slug": "samverkansoverenskommelser",
                "title": "Samverkansöverenskommelser och medborgarlöften",
                "summary": "Hur skriftliga överenskommelser och medborgarlöften växte fram 2008–2016.",
                "minutes": 15,
                "body": [
                    _text(
                        "<p>Rikspolisstyrelsens handlingsplan från 2008 införde skriftliga "
                        "samverkansöverenskommelser mellan polis och kommun. Överenskommelsen undertecknas "
                        "av lokalpolisområdets chef och kommunstyrelsens ordförande. Den är inte juridiskt "
                        "bindande.</p>"
                    ),
                    _text(
                        "<p>Med polisreformen 2015 blev <i>medborgarlöften</i> en del av polisens "
                        "styrmodell: konkreta åtaganden från polisen och kommunen som bygger på den lokala "
                        "problembilden och på medborgardialoger, och som kommuniceras till invånarna.</p>"
                    ),
                ],
            },
            {
                "slug": "lagen-2023",
                "title": "Lagen om kommuners ansvar (2023:196)",
                "summary": "Lägesbild, åtgärdsplan och samordningsfunktion – vad lagen kräver av kommunen.",
                "minutes": 15,
                "body": [
                    _text(
                        "<p>Lagen trädde i kraft den 1 juli 2023. Kommunen ska ta fram en lägesbild över "
                        "brottsligheten i kommunen, besluta om behovet av åtgärder och anta en "
                        "åtgärdsplan. Kommunen ska också ha en samordningsfunktion för det "
                        "brottsförebyggande arbetet – en funktion, inte nödvändigtvis en heltidstjänst.</p>"
                    ),
                    {
                        "type": "fact_box",
                        "value": {
                            "title": "Lägesbildens tre delar",
                            "body": "<ol><li>En kartläggning av brottsligheten, dess omfattning och "
                            "konsekvenser.</li><li>Annan relevant information.</li><li>En analys av "
                            "kartläggningen.</li></ol>",
                        },
                    },
                    {
                        "type": "reflection",
                        "value": {"question": "Vilka av kommunens dokument svarar i dag mot lagens krav?"},
                    },
                ],
            },
        ],
    },
]


def _child(parent: Page, model: type[Page], slug: str, **fields) -> tuple[Page, bool]:
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def _body(blocks: list[dict]) -> str:
    return json.dumps(blocks)


@transaction.atomic
def load_demo_content(*, progress: Callable[[str], None] | None = None) -> int:
    """Create the demo course and information pages under the Swedish home page; returns pages created."""
    report = progress or (lambda message: None)
    sv = Locale.objects.get(language_code="sv")
    home = HomePage.objects.get(locale=sv, depth=2)
    created = 0
    if not home.intro:
        home.intro = HOME_INTRO
        home.save_revision().publish()

    for spec in INFORMATION_PAGES:
        _page, was_created = _child(
            home,
            InformationPage,
            spec["slug"],
            title=spec["title"],
            intro=spec["intro"],
            body=_body(spec["body"]),
            show_in_menus=True,
        )
        created += was_created
    report("information pages")

    index, was_created = _child(
        home,
        CourseIndexPage,
        "kurser",
        title="Kurser",
        intro="<p>Kurserna för lokala samordnare av brottsförebyggande arbete.</p>",
    )
    created += was_created
    course, was_created = _child(
        index,
        CoursePage,
        COURSE["slug"],
        title=COURSE["title"],
        summary=COURSE["summary"],
        description=COURSE["description"],
        audience=COURSE["audience"],
        estimated_hours=COURSE["estimated_hours"],
    )
    created += was_created
    for module_spec in MODULES:
        module, was_created = _child(
            course,
            ModulePage,
            module_spec["slug"],
            title=module_spec["title"],
            summary=module_spec["summary"],
            objectives=module_spec["objectives"],
        )
        created += was_created
        for lesson in module_spec["lessons"]:
            _page, was_created = _child(
                module,
                LessonPage,
                lesson["slug"],
                title=lesson["title"],
                summary=lesson["summary"],
                estimated_minutes=lesson["minutes"],
                body=_body(lesson["body"]),
            )
            created += was_created
        report(module_spec["title"])
    return created


def synchronise_translations() -> None:
    """Mirror new Swedish pages into the other locales (as aliases), as the admin does on creation."""
    from wagtail_localize.synctree import synchronize_tree

    sv = Locale.objects.get(language_code="sv")
    for locale in Locale.objects.exclude(pk=sv.pk):
        synchronize_tree(sv, locale)
    Site.clear_site_root_paths_cache()
