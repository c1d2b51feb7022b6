/// Numbering plans of the countries whose numbers the corpus writes: national lengths and
/// leading digits as the national regulators publish them, in the notations common in
/// each country. Small countries are written with their country code only.
enum PhoneCountries {
    // The shared pattern sets of countries that write all numbers alike.
    private static let frenchStyle = ["0# ## ## ## ##", "0#.##.##.##.##", "0#########", "0#-##-##-##-##"]

    /// Every country with its weights.
    static let all: [PhoneCountry] = [
        // Netherlands: nine-digit numbers after the trunk 0.
        PhoneCountry(callingCode: "31", bracketedTrunk: true, plans: [
            PhoneNumberPlan(
                leads: ["6"], length: 9,
                national: ["0#-########", "0# ########", "0# ## ## ## ##", "0#.##.##.##.##",
                           "0#########", "0#-## ## ## ##"],
                international: ["# ########", "# ## ## ## ##", "# #### ####"]),
            PhoneNumberPlan(
                leads: ["10", "13", "15", "20", "23", "24", "26", "30", "33", "35", "36", "38",
                        "40", "43", "45", "46", "50", "53", "55", "58", "70", "71", "72", "73",
                        "74", "75", "76", "77", "78", "79", "85", "88"],
                length: 9,
                national: ["0## ### ####", "0##-#######", "0## #######", "0##-### ####"],
                international: ["## ### ####", "## #######"]),
            PhoneNumberPlan(
                leads: ["113", "161", "172", "180", "222", "251", "297", "318", "341", "413",
                        "475", "492", "513", "548", "575", "592"],
                length: 9,
                national: ["0### ######", "0###-######", "0### ## ## ##"],
                international: ["### ######", "### ## ## ##"]),
        ], englishWeight: 8, dutchWeight: 48),
        // Belgium: mobiles 04xx with nine digits, fixed lines eight.
        PhoneCountry(callingCode: "32", bracketedTrunk: true, plans: [
            PhoneNumberPlan(
                leads: ["460", "465", "466", "467", "468", "470", "471", "472", "473", "474",
                        "475", "476", "477", "478", "479", "483", "484", "485", "486", "487",
                        "488", "489", "490", "491", "492", "493", "494", "495", "496", "497",
                        "498", "499"],
                length: 9,
                national: ["0### ## ## ##", "0###/##.##.##", "0### ######", "0###.##.##.##",
                           "0#########"],
                international: ["### ## ## ##", "### ######"]),
            PhoneNumberPlan(
                leads: ["2", "3", "4", "9"], length: 8,
                national: ["0# ### ## ##", "0#/###.##.##", "0# ### ####"],
                international: ["# ### ## ##"]),
            PhoneNumberPlan(
                leads: ["10", "11", "13", "14", "15", "16", "19", "50", "51", "52", "53", "55",
                        "56", "57", "58", "59", "60", "63", "64", "65", "67", "69", "71", "80",
                        "81", "82", "83", "84", "85", "87", "89"],
                length: 8,
                national: ["0## ## ## ##", "0##/##.##.##"],
                international: ["## ## ## ##"]),
        ], englishWeight: 3, dutchWeight: 16),
        // Germany: variable length; mobiles 015x/016x/017x.
        PhoneCountry(callingCode: "49", bracketedTrunk: true, plans: [
            PhoneNumberPlan(
                leads: ["151", "152", "157", "159", "162", "172", "173", "174", "176", "177",
                        "178", "179"],
                length: 11,
                national: ["0### ########", "0###/########", "0###-########", "0### ### #####",
                           "0###########"],
                international: ["### ########", "### #### ####"]),
            PhoneNumberPlan(
                leads: ["160", "170", "171", "175"], length: 10,
                national: ["0### #######", "0###/#######", "0###-#######"],
                international: ["### #######"]),
            PhoneNumberPlan(
                leads: ["30", "40", "69", "89"], length: 10,
                national: ["0## ########", "0##/########", "0## #### ####", "0##-########"],
                international: ["## ########", "## #### ####"]),
            PhoneNumberPlan(
                leads: ["201", "211", "221", "231", "341", "351", "421", "511", "711", "911"],
                length: 10,
                national: ["0### #######", "0###/#######", "0###-#######"],
                international: ["### #######"]),
            PhoneNumberPlan(
                leads: ["6221", "7071", "8031", "4721", "2361"], length: 10,
                national: ["0#### ######", "0####/######"],
                international: ["#### ######"]),
        ], englishWeight: 5, dutchWeight: 6),
        // France: ten digits in pairs.
        PhoneCountry(callingCode: "33", bracketedTrunk: true, plans: [
            PhoneNumberPlan(
                leads: ["6", "7"], length: 9, national: frenchStyle,
                international: ["# ## ## ## ##"]),
            PhoneNumberPlan(
                leads: ["1", "2", "3", "4", "5", "9"], length: 9, national: frenchStyle,
                international: ["# ## ## ## ##"]),
        ], englishWeight: 4, dutchWeight: 3),
        // United Kingdom: ten-digit national significant numbers.
        PhoneCountry(callingCode: "44", bracketedTrunk: true, plans: [
            PhoneNumberPlan(
                leads: ["71", "73", "74", "75", "77", "78", "79", "77009"], length: 10,
                national: ["0#### ######", "0####-######", "0##########", "0### ### ####"],
                international: ["#### ######", "### ### ####"]),
            PhoneNumberPlan(
                leads: ["20"], length: 10,
                national: ["0## #### ####", "0##-####-####", "(0##) #### ####"],
                international: ["## #### ####"]),
            PhoneNumberPlan(
                leads: ["113", "114", "115", "116", "117", "118", "121", "131", "141", "151",
                        "161", "191"],
                length: 10,
                national: ["0### ### ####", "(0###) ### ####"],
                international: ["### ### ####"]),
            PhoneNumberPlan(
                leads: ["1223", "1224", "1273", "1332", "1392", "1452", "1482", "1603", "1865",
                        "1904"],
                length: 10,
                national: ["0#### ######", "(0####) ######"],
                international: ["#### ######"]),
            PhoneNumberPlan(
                leads: ["300", "330", "333", "345"], length: 10,
                national: ["0### ### ####"], international: ["### ### ####"]),
        ], englishWeight: 22, dutchWeight: 4),
        // United States and Canada (NANP): area code, exchange 2–9xx, four-digit line.
        PhoneCountry(callingCode: "1", bracketedTrunk: false, plans: [
            PhoneNumberPlan(
                leads: ["201N", "202N", "206N", "212N", "213N", "214N", "305N", "310N", "312N",
                        "347N", "404N", "408N", "415N", "469N", "503N", "512N", "602N", "617N",
                        "646N", "702N", "713N", "718N", "773N", "786N", "817N", "858N", "917N",
                        "929N", "416N", "437N", "514N", "604N", "647N", "778N"],
                length: 10,
                national: ["(###) ###-####", "###-###-####", "###.###.####", "### ### ####",
                           "(###)###-####", "1-###-###-####", "1 (###) ###-####"],
                international: ["### ### ####", "(###) ###-####", "-###-###-####",
                                "###-###-####"],
                oddForms: ["+ 1 (###) ### ####", "+1.###.###.####", "+1 (###)-###-####"]),
        ], englishWeight: 24, dutchWeight: 2),
        // Ireland.
        PhoneCountry(callingCode: "353", bracketedTrunk: true, plans: [
            PhoneNumberPlan(
                leads: ["83", "85", "86", "87", "89"], length: 9,
                national: ["0## ### ####", "0##-#######", "0## #######"],
                international: ["## ### ####"]),
            PhoneNumberPlan(
                leads: ["1"], length: 8,
                national: ["0# ### ####", "(0#) ### ####"], international: ["# ### ####"]),
            PhoneNumberPlan(
                leads: ["21", "61", "91"], length: 9,
                national: ["0## ### ####"], international: ["## ### ####"]),
        ], englishWeight: 7, dutchWeight: 1),
        // Spain: nine digits, no trunk prefix.
        PhoneCountry(callingCode: "34", bracketedTrunk: false, plans: [
            PhoneNumberPlan(
                leads: ["6", "7", "91", "93", "95", "96"], length: 9,
                national: ["### ## ## ##", "### ### ###", "#########"],
                international: ["### ## ## ##", "### ### ###"]),
        ], englishWeight: 3, dutchWeight: 3),
        // Italy: mobiles 3xx, fixed lines keep their leading 0 after +39.
        PhoneCountry(callingCode: "39", bracketedTrunk: false, plans: [
            PhoneNumberPlan(
                leads: ["320", "328", "329", "333", "338", "339", "340", "345", "347", "348",
                        "349", "366", "380", "388", "391", "392"],
                length: 10,
                national: ["### ### ####", "### #######", "###-#######", "##########"],
                international: ["### ### ####", "### #######"]),
            PhoneNumberPlan(
                leads: ["02", "06"], length: 10,
                national: ["## #### ####", "##-########"], international: ["## #### ####"]),
            PhoneNumberPlan(
                leads: ["011", "051", "055", "081"], length: 10,
                national: ["### ### ####", "###-#######"], international: ["### ### ####"]),
        ], englishWeight: 3, dutchWeight: 2),
        // Poland: nine digits, no trunk prefix.
        PhoneCountry(callingCode: "48", bracketedTrunk: false, plans: [
            PhoneNumberPlan(
                leads: ["50", "51", "53", "57", "60", "66", "69", "72", "73", "78", "79", "88"],
                length: 9,
                national: ["### ### ###", "###-###-###", "#########"],
                international: ["### ### ###"]),
            PhoneNumberPlan(
                leads: ["12", "22", "58", "61", "71"], length: 9,
                national: ["## ### ## ##"], international: ["## ### ## ##"]),
        ], englishWeight: 3, dutchWeight: 3),
        // Sweden.
        PhoneCountry(callingCode: "46", bracketedTrunk: false, plans: [
            PhoneNumberPlan(
                leads: ["70", "72", "73", "76", "79"], length: 9,
                national: ["0##-### ## ##", "0## ### ## ##", "0##-#######", "0#########"],
                international: ["## ### ## ##", "## #######"]),
            PhoneNumberPlan(
                leads: ["8"], length: 9,
                national: ["0#-### ### ##", "0# ### ### ##"], international: ["# ### ### ##"]),
        ], englishWeight: 2, dutchWeight: 1),
        // India: ten-digit mobiles, often written 5+5.
        PhoneCountry(callingCode: "91", bracketedTrunk: false, plans: [
            PhoneNumberPlan(
                leads: ["6", "7", "8", "9"], length: 10,
                national: ["##### #####", "0##### #####", "##########", "0##########"],
                international: ["##### #####", "##########", "-##########", "-#####-#####"]),
        ], englishWeight: 5, dutchWeight: 1),
        // Brazil: two-digit area code, mobiles 9 + eight digits.
        PhoneCountry(callingCode: "55", bracketedTrunk: false, plans: [
            PhoneNumberPlan(
                leads: ["119", "219", "319", "419", "519", "619", "719", "819", "859", "199",
                        "279", "489"],
                length: 11,
                national: ["(##) #####-####", "## #####-####", "(##) # ####-####",
                           "###########"],
                international: ["## #####-####", "## # ####-####", "(##) #####-####"]),
            PhoneNumberPlan(
                leads: ["113", "213", "313", "114", "413", "513"], length: 10,
                national: ["(##) ####-####"], international: ["## ####-####"]),
        ], englishWeight: 2, dutchWeight: 1),
        // Switzerland.
        PhoneCountry(callingCode: "41", bracketedTrunk: true, plans: [
            PhoneNumberPlan(
                leads: ["75", "76", "77", "78", "79", "21", "22", "31", "43", "44", "61", "91"],
                length: 9,
                national: ["0## ### ## ##", "0#########", "0##/### ## ##"],
                international: ["## ### ## ##"]),
        ], englishWeight: 2, dutchWeight: 2),
        // Austria.
        PhoneCountry(callingCode: "43", bracketedTrunk: true, plans: [
            PhoneNumberPlan(
                leads: ["650", "660", "664", "676", "680", "681", "688", "699"], length: 10,
                national: ["0### #######", "0###/#######", "0### ### ####"],
                international: ["### #######", "### ### ####"]),
            PhoneNumberPlan(
                leads: ["1"], length: 8,
                national: ["0# #######", "0#/#######"], international: ["# #######"]),
        ], englishWeight: 1, dutchWeight: 1),
        // Portugal: nine digits, no trunk prefix.
        PhoneCountry(callingCode: "351", bracketedTrunk: false, plans: [
            PhoneNumberPlan(
                leads: ["91", "92", "93", "96", "21", "22"], length: 9,
                national: ["### ### ###", "#########"], international: ["### ### ###"]),
        ], englishWeight: 2, dutchWeight: 1),
        // Denmark and Norway: eight digits, no trunk prefix.
        PhoneCountry(callingCode: "45", bracketedTrunk: false, plans: [
            PhoneNumberPlan(
                leads: ["2", "3", "4", "5", "6", "7", "8", "9"], length: 8,
                national: ["## ## ## ##", "########", "#### ####"],
                international: ["## ## ## ##", "#### ####"]),
        ], englishWeight: 1, dutchWeight: 1),
        PhoneCountry(callingCode: "47", bracketedTrunk: false, plans: [
            PhoneNumberPlan(
                leads: ["4", "9"], length: 8,
                national: ["### ## ###", "## ## ## ##", "########"],
                international: ["### ## ###", "## ## ## ##"]),
        ], englishWeight: 1, dutchWeight: 1),
        // Finland.
        PhoneCountry(callingCode: "358", bracketedTrunk: false, plans: [
            PhoneNumberPlan(
                leads: ["40", "41", "44", "45", "50"], length: 9,
                national: ["0## ### ####", "0##-#######", "0## #######"],
                international: ["## ### ####", "## #######"]),
        ], englishWeight: 1, dutchWeight: 1),
        // Small countries, quoted with their country code: five to nine digits after it.
        PhoneCountry(callingCode: "354", bracketedTrunk: false, plans: [
            PhoneNumberPlan(
                leads: ["4", "5", "6", "7", "8"], length: 7, national: [],
                international: ["### ####", "#######"]),
        ], englishWeight: 2, dutchWeight: 1),
        PhoneCountry(callingCode: "352", bracketedTrunk: false, plans: [
            PhoneNumberPlan(
                leads: ["621", "628", "661", "691"], length: 9, national: [],
                international: ["### ### ###", "### ######"]),
            PhoneNumberPlan(
                leads: ["2", "4"], length: 6, national: [],
                international: ["## ## ##", "######"]),
            PhoneNumberPlan(
                leads: ["26", "27"], length: 8, national: [],
                international: ["## ## ## ##"]),
        ], englishWeight: 2, dutchWeight: 2),
        PhoneCountry(callingCode: "372", bracketedTrunk: false, plans: [
            PhoneNumberPlan(
                leads: ["5"], length: 8, national: [], international: ["#### ####"]),
            PhoneNumberPlan(
                leads: ["5", "6", "7"], length: 7, national: [], international: ["### ####"]),
        ], englishWeight: 1, dutchWeight: 1),
        PhoneCountry(callingCode: "356", bracketedTrunk: false, plans: [
            PhoneNumberPlan(
                leads: ["79", "99", "21"], length: 8, national: [],
                international: ["#### ####"]),
        ], englishWeight: 1, dutchWeight: 1),
        PhoneCountry(callingCode: "357", bracketedTrunk: false, plans: [
            PhoneNumberPlan(
                leads: ["96", "97", "99", "22"], length: 8, national: [],
                international: ["## ######", "#### ####"]),
        ], englishWeight: 1, dutchWeight: 1),
        PhoneCountry(callingCode: "423", bracketedTrunk: false, plans: [
            PhoneNumberPlan(
                leads: ["2", "3", "7"], length: 7, national: [],
                international: ["### ## ##", "### ####"]),
        ], englishWeight: 1, dutchWeight: 1),
        PhoneCountry(callingCode: "377", bracketedTrunk: false, plans: [
            PhoneNumberPlan(
                leads: ["93", "97"], length: 8, national: [], international: ["## ## ## ##"]),
            PhoneNumberPlan(
                leads: ["6"], length: 9, national: [], international: ["# ## ## ## ##"]),
        ], englishWeight: 1, dutchWeight: 1),
        PhoneCountry(callingCode: "376", bracketedTrunk: false, plans: [
            PhoneNumberPlan(
                leads: ["3", "6", "8"], length: 6, national: [], international: ["### ###"]),
        ], englishWeight: 1, dutchWeight: 1),
        PhoneCountry(callingCode: "298", bracketedTrunk: false, plans: [
            PhoneNumberPlan(
                leads: ["2", "5", "7"], length: 6, national: [],
                international: ["## ## ##", "######"]),
        ], englishWeight: 1, dutchWeight: 1),
        PhoneCountry(callingCode: "299", bracketedTrunk: false, plans: [
            PhoneNumberPlan(
                leads: ["2", "3", "5"], length: 6, national: [], international: ["## ## ##"]),
        ], englishWeight: 1, dutchWeight: 1),
        PhoneCountry(callingCode: "350", bracketedTrunk: false, plans: [
            PhoneNumberPlan(
                leads: ["200", "5", "6"], length: 8, national: [], international: ["#### ####"]),
        ], englishWeight: 1, dutchWeight: 1),
        PhoneCountry(callingCode: "500", bracketedTrunk: false, plans: [
            PhoneNumberPlan(
                leads: ["2", "5"], length: 5, national: [], international: ["#####"]),
        ], englishWeight: 1, dutchWeight: 0),
        PhoneCountry(callingCode: "682", bracketedTrunk: false, plans: [
            PhoneNumberPlan(
                leads: ["2", "5", "7"], length: 5, national: [], international: ["## ###"]),
        ], englishWeight: 1, dutchWeight: 0),
    ]
}
