"""What a generated lycée professionnel offers: formations and kinds of needs groups."""

from __future__ import annotations

from dataclasses import dataclass

from aptui import vocab as v

PROFILES: tuple[str, ...] = tuple(v.PROFILE_LABELS)  # contents, pourquoi-pas, malgre-eux
CONTENT_TYPES: tuple[str, ...] = tuple(v.CONTENT_TYPE_LABELS)
LEVELS: tuple[str, ...] = tuple(v.LEVELS)  # 2nde, 1re, Tle
# Short tag of a level in division and group ids: 2MELEC1, G1-SOUTIEN-MATHS.
LEVEL_PREFIX: dict[str, str] = {"2nde": "2", "1re": "1", "Tle": "T"}


@dataclass(frozen=True, slots=True)
class Formation:
    code: str
    subject: str  # teacher discipline of the vocational field
    further_study: tuple[str, ...]  # BTS a "contents" student may aim for


# The first three are used by every school; larger schools add the next ones.
FORMATIONS: tuple[Formation, ...] = (
    Formation("MELEC", "genie-electrique", ("BTS Électrotechnique", "BTS Fluides, énergies, domotique")),
    Formation("MSPC", "genie-mecanique",
              ("BTS Maintenance des systèmes", "BTS Conception des processus de réalisation")),
    Formation("AGORA", "eco-gestion", ("BTS Gestion de la PME", "BTS Support à l'action managériale")),
    Formation("MCV", "vente",
              ("BTS Management commercial opérationnel", "BTS Négociation et digitalisation")),
    Formation("ASSP", "biotechnologies",
              ("BTS Services et prestations des secteurs sanitaire et social",)),
    Formation("AEPA", "biotechnologies", ("BTS Économie sociale et familiale", "DEJEPS animation")),
    Formation("TMA", "genie-mecanique", ("BTS Systèmes constructifs bois et habitat",)),
    Formation("MFER", "genie-electrique", ("BTS Fluides, énergies, domotique",)),
    Formation("LOG", "eco-gestion", ("BTS Gestion des transports et logistique associée",)),
)


@dataclass(frozen=True, slots=True)
class Template:
    """A kind of needs group: who it suits and who can lead it."""

    slug: str
    title: str
    kind: str  # content type
    affinity: tuple[float, float, float]  # by profile: contents, pourquoi-pas, malgre-eux
    subjects: tuple[str, ...]  # disciplines of the teachers who usually lead it
    multi: bool = False  # may run twice in one barrette ("Méthodo A", "Méthodo B")


_ANY = ("lettres-histoire", "maths-sciences", "anglais", "eco-gestion", "prevention-sante-environnement")
_LETTERS, _MATHS = ("lettres-histoire",), ("maths-sciences",)
_CARE = ("eps", "prevention-sante-environnement", "arts-appliques")
_CAREER = ("eco-gestion", "economie-droit", "vente")
_TRADES = ("genie-electrique", "genie-mecanique", "eco-gestion")
TEMPLATES: dict[str, Template] = {t.slug: t for t in (
    Template("METHODO", "Méthodo", "aide-methodologique", (0.2, 1.0, 1.1), _ANY, multi=True),
    Template("ORGA", "Organisation et autonomie", "aide-methodologique", (0.1, 0.8, 1.2), _ANY),
    Template("SOUTIEN-MATHS", "Soutien maths", "soutien-disciplinaire", (0.3, 1.0, 0.8), _MATHS),
    Template("SOUTIEN-FRANCAIS", "Soutien français", "soutien-disciplinaire", (0.3, 1.0, 0.8), _LETTERS),
    Template("ECRITS-PRO", "Écrits professionnels", "soutien-disciplinaire", (0.4, 0.9, 0.6),
             ("lettres-histoire", "eco-gestion")),
    Template("APPRO-BTS", "Approfondissement BTS", "approfondissement", (1.7, 0.4, 0.0),
             ("maths-sciences", "lettres-histoire", "anglais")),
    Template("SYNTHESE", "Synthèse de textes", "approfondissement", (1.4, 0.5, 0.0), _LETTERS),
    Template("ESTIME", "Estime de soi", "developpement-personnel", (0.0, 0.6, 1.4), _CARE),
    Template("CONFIANCE", "Prise de parole", "developpement-personnel", (0.5, 0.8, 0.8),
             ("lettres-histoire", "arts-appliques", "eps")),
    Template("PROJET-PRO", "Projet pro", "projet-professionnel", (0.6, 1.0, 0.9), _CAREER),
    Template("PFMP", "Préparer la PFMP", "projet-professionnel", (0.6, 0.9, 0.8), _CAREER + _TRADES[:2]),
    Template("INSERTION", "Insertion et CV", "projet-professionnel", (0.4, 1.0, 1.0), _CAREER),
    Template("PASSERELLE", "Passerelle et remise à niveau", "passerelle", (0.0, 0.5, 0.9), _TRADES),
)}

# Groups a barrette of each level opens first, in order of priority.
LEVEL_TEMPLATES: dict[str, tuple[str, ...]] = {
    "2nde": ("METHODO", "SOUTIEN-MATHS", "ESTIME", "PROJET-PRO", "SOUTIEN-FRANCAIS", "ORGA", "CONFIANCE"),
    "1re": ("SOUTIEN-FRANCAIS", "PFMP", "APPRO-BTS", "SOUTIEN-MATHS", "METHODO", "CONFIANCE", "ECRITS-PRO"),
    "Tle": ("APPRO-BTS", "INSERTION", "SOUTIEN-MATHS", "CONFIANCE", "SYNTHESE", "ECRITS-PRO", "METHODO"),
}
