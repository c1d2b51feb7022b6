/// First names and surnames for greetings and e-mail local parts, some with diacritics so
/// that multi-byte UTF-8 appears before labeled values.
enum Names {
    /// First names heard in English-speaking chat.
    static let englishFirst = [
        "Emma", "Oliver", "Sarah", "James", "Olivia", "Jack", "Amelia", "Harry", "Sophie",
        "Thomas", "Chloé", "Noah", "Grace", "Liam", "Ava", "Ethan", "Mia", "Daniel", "Jessica",
        "Michael", "Emily", "David", "Hannah", "Ryan", "Siobhán", "Seán", "Zoë", "Renée",
        "Aoife", "Connor", "Priya", "Rahul", "Mohammed", "Fatima", "Chen", "José", "Lucía",
    ]

    /// First names heard in Dutch and Flemish chat.
    static let dutchFirst = [
        "Sanne", "Daan", "Lotte", "Bram", "Eva", "Joost", "Femke", "Sem", "Anouk", "Ruben",
        "Lieke", "Thijs", "Sophie", "Jeroen", "Marloes", "Pieter", "Ingrid", "Koen", "Fleur",
        "Wouter", "Noor", "Bas", "Anaïs", "Zoë", "Jérôme", "Noël", "Renée", "Maaike", "Stijn",
        "Ilse", "Mohamed", "Fatima", "Yusuf", "Aylin", "Björn", "Inès", "Lars", "Joëlle",
    ]

    /// Surnames as they appear in e-mail local parts (lower case, spaces dropped).
    static let surnames = [
        "devries", "jansen", "bakker", "visser", "smit", "meijer", "deboer", "mulder",
        "degroot", "bos", "vos", "peters", "hendriks", "vandijk", "vanleeuwen", "dekker",
        "peeters", "janssens", "maes", "claes", "wouters", "smith", "jones", "taylor",
        "brown", "williams", "wilson", "murphy", "obrien", "kelly", "walsh", "patel",
        "khan", "garcia", "rossi", "muller", "schmidt", "nowak", "kowalski", "yilmaz",
    ]
}
