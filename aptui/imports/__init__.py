"""Imports from the school's own systems (SIECLE exports, other tools' CSV files).

    rows       what one exported row says about a student, and the rows that could not be read
    text       decoding (UTF-8 or Latin-1), separators, dates and names as exports write them
    siecle_xml ElevesSansAdresses.xml (or the zip that holds it), read with defusedxml
    siecle_csv EXP_Liste_des_eleves_par_division.csv (ISO-8859-1, « ; »)
    mapped_csv any CSV, its columns mapped to fields (``--map COLONNE=champ``)
    existing   the students already in the school, read fast (no round-trip)
    matching   which existing student a row is (INE, then name + birth date, then name)
    plan       the outcome of an import: new, updated, left, unchanged, unreadable
    command    the edit command that writes an outcome (one commit)
    summary    the outcome in French: printed first, and the commit message

Reading never writes; the command writes through the edit layer (round-trip,
atomic), so an import is planned, shown, confirmed, then applied.
"""
