"""Invented people and places for generated schools.

Students are minors: every name here is a common French first or last name,
combined at random, so no generated person is a real one.  Lists are tuples
(fixed order) so that the same seed always draws the same names.
"""

from __future__ import annotations

FIRST_NAMES: tuple[str, ...] = (
    "Adam", "Adèle", "Aïcha", "Alexandre", "Alice", "Amandine", "Amine", "Anaïs",
    "Antoine", "Arthur", "Axel", "Bastien", "Baptiste", "Bilal", "Camille", "Célia",
    "Chloé", "Clara", "Clément", "Corentin", "Dylan", "Elsa", "Emma", "Enzo",
    "Erwan", "Ethan", "Eva", "Fatoumata", "Florian", "Gabin", "Gabriel", "Hugo",
    "Ibrahim", "Ilyes", "Inès", "Jade", "Jason", "Jeanne", "Jordan", "Julie",
    "Justine", "Kenza", "Kevin", "Kylian", "Lana", "Léa", "Léna", "Léo",
    "Lilou", "Lina", "Loïc", "Louis", "Louise", "Luca", "Lucas", "Lucie",
    "Maël", "Maëlys", "Malik", "Manon", "Margaux", "Marie", "Marius", "Mathis",
    "Mathéo", "Maxime", "Mehdi", "Mélissa", "Mila", "Mohamed", "Morgane", "Nathan",
    "Nina", "Noah", "Noémie", "Nolan", "Océane", "Paul", "Quentin", "Rayan",
    "Romane", "Romain", "Ryan", "Sacha", "Salomé", "Samuel", "Sarah", "Sofiane",
    "Sonia", "Tess", "Théo", "Thomas", "Timéo", "Tom", "Valentin", "Victor",
    "Yanis", "Yasmine", "Youssef", "Zoé",
)

LAST_NAMES: tuple[str, ...] = (
    "Adam", "André", "Arnaud", "Aubert", "Bailly", "Barbier", "Baron", "Benali",
    "Benoît", "Bernard", "Bertin", "Blanc", "Bonnet", "Bouchet", "Boyer", "Brun",
    "Caron", "Carpentier", "Chevalier", "Clément", "Colin", "Collet", "Da Silva", "Daniel",
    "David", "Delmas", "Denis", "Diallo", "Dubois", "Dufour", "Dumas", "Dupuis",
    "Durand", "Etienne", "Fabre", "Faure", "Fernandes", "Fleury", "Fontaine", "Fournier",
    "Garnier", "Gauthier", "Gérard", "Gilbert", "Girard", "Giraud", "Guérin", "Guillot",
    "Haddad", "Henry", "Hoarau", "Huet", "Jacob", "Jacquet", "Joly", "Julien",
    "Kaya", "Lacroix", "Lambert", "Laurent", "Le Gall", "Leclerc", "Lefèvre", "Legrand",
    "Lemaire", "Leroy", "Lucas", "Marchand", "Martin", "Masson", "Mathieu", "Mercier",
    "Meunier", "Meyer", "Michel", "Moreau", "Morel", "Moulin", "Muller", "Nicolas",
    "Noël", "Olivier", "Pereira", "Perrin", "Petit", "Philippe", "Picard", "Pierre",
    "Renard", "Renaud", "Rey", "Richard", "Riviere", "Robin", "Roche", "Rousseau",
    "Roussel", "Roux", "Sanchez", "Schmitt", "Simon", "Tessier", "Thomas", "Traoré",
    "Vasseur", "Vidal", "Vincent", "Weber",
)

# Disciplines of the teachers of a lycée professionnel (identifiers, no accents).
SUBJECTS: tuple[str, ...] = (
    "lettres-histoire", "maths-sciences", "anglais", "espagnol", "eco-gestion",
    "genie-electrique", "genie-mecanique", "vente", "biotechnologies",
    "eps", "arts-appliques", "economie-droit", "prevention-sante-environnement",
)

# (name of the school, town, académie) pieces; all towns are invented.
SCHOOL_PATRONS: tuple[str, ...] = (
    "Louise-Michel", "Jean-Jaurès", "Marie-Curie", "Condorcet", "Simone-Veil", "Jules-Verne",
)
TOWNS: tuple[str, ...] = (
    "Villeneuve-sur-Aulne", "Saint-Aubin-des-Prés", "Montval-sur-Loir", "Bourg-la-Reine-Blanche",
    "Les Essarts-du-Lac", "Pont-Sainte-Clotilde",
)
# Académies of holiday zone B.
ACADEMIES_ZONE_B: tuple[str, ...] = (
    "Orléans-Tours", "Nantes", "Rennes", "Normandie", "Amiens", "Reims", "Lille", "Strasbourg",
)


def ascii_slug(text: str) -> str:
    """Lower-case ASCII letters only (for teacher ids: "Léa Le Gall" -> "legall")."""
    table = str.maketrans("àâäçéèêëîïôöùûüÿ", "aaaceeeeiioouuuy")
    return "".join(ch for ch in text.lower().translate(table) if "a" <= ch <= "z")
