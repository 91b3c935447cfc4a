//! Search keys that make look-ups tolerant of Kazakh, Russian and Latin
//! spellings of one name (п.11 needs to find a person registered before,
//! whoever typed his name and in which alphabet).
//!
//! A key is a lowercase Latin skeleton: Kazakh letters fold to their Russian
//! neighbours (Қ→К, Ұ/Ү→У, Ө→О, Ә→А, І→И…), Ё→Е, Й→И, then Cyrillic is
//! transliterated, and Latin variants are folded (q→k, y→i, zh→j, kh→h, w→u,
//! Kazakh Latin diacritics dropped). Anything that is not a letter is ignored.
//! "Нұрлан", "Нурлан", "Nurlan" and "NŪRLAN" share a key; so do "Қайрат",
//! "Кайрат", "Kairat", "Qairat" and "Kayrat".

fn cyrillic(c: char) -> Option<&'static str> {
    Some(match c {
        'а' | 'ә' => "a",
        'б' => "b",
        'в' => "v",
        'г' | 'ғ' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' => "e",
        'ж' => "j",
        'з' => "z",
        'и' | 'й' | 'і' | 'ы' => "i",
        'к' | 'қ' => "k",
        'л' => "l",
        'м' => "m",
        'н' | 'ң' => "n",
        'о' | 'ө' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' | 'ұ' | 'ү' | 'ў' => "u",
        'ф' => "f",
        'х' | 'һ' => "h",
        'ц' => "ts",
        'ч' => "ch",
        'ш' | 'щ' => "sh",
        'ъ' | 'ь' => "",
        'ю' => "iu",
        'я' => "ia",
        _ => return None,
    })
}

fn latin(c: char) -> Option<&'static str> {
    Some(match c {
        'a' | 'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' => "a",
        'b' => "b",
        'c' => "c",
        'ç' | 'č' => "ch",
        'd' => "d",
        'e' | 'é' | 'è' | 'ê' | 'ë' | 'ē' => "e",
        'f' => "f",
        'g' | 'ğ' | 'ǵ' => "g",
        'h' | 'x' => "h",
        'i' | 'í' | 'ì' | 'î' | 'ï' | 'ı' | 'ī' | 'y' | 'ý' | 'ÿ' => "i",
        'j' | 'ž' => "j",
        'k' | 'q' => "k",
        'l' => "l",
        'm' => "m",
        'n' | 'ñ' | 'ń' | 'ň' => "n",
        'o' | 'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'ō' => "o",
        'p' => "p",
        'r' => "r",
        's' => "s",
        'ş' | 'š' => "sh",
        't' => "t",
        'u' | 'ú' | 'ù' | 'û' | 'ü' | 'ū' | 'ŭ' | 'w' => "u",
        'v' => "v",
        'z' => "z",
        _ => return None,
    })
}

/// The search key of a name (surname or given name).
pub fn name_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if let Some(s) = cyrillic(c).or_else(|| latin(c)) {
            out.push_str(s);
        }
    }
    // Latin digraphs of the Russian and Kazakh transliteration schemes.
    let folded = out
        .replace("dzh", "j")
        .replace("zh", "j")
        .replace("kh", "h");
    // A leading "ie" is how Е is often written at the start (Yelena/Elena).
    match folded.strip_prefix("ie") {
        Some(rest) => format!("e{rest}"),
        None => folded,
    }
}

/// The search key of a document number: letters and digits only, uppercase.
pub fn document_key(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kazakh_russian_and_latin_spellings_share_a_key() {
        let groups: &[&[&str]] = &[
            &["Нұрлан", "Нурлан", "Nurlan", "NŪRLAN", "nurlan "],
            &["Қайрат", "Кайрат", "Kairat", "Qairat", "Kayrat"],
            &["Әсел", "Асель", "Asel", "Äsel"],
            &["Жанна", "Zhanna", "Janna"],
            &["Ерлан", "Yerlan", "Erlan"],
            &["Ұлжан", "Улжан", "Ulzhan", "Uljan"],
            &["Ғалым", "Галым", "Galym", "Ğalym"],
            &["Шоқан", "Шокан", "Shokan", "Şoqan"],
            &["Хасен", "Һасен", "Khasen", "Hasen"],
            &["Семён", "Семен", "Semen"],
            &["Мәдина-Гүл", "Мадина Гуль", "Madina-Gul"],
            &["Әлихан", "Alikhan", "Alihan"],
        ];
        for group in groups {
            let keys: Vec<String> = group.iter().map(|n| name_key(n)).collect();
            assert!(keys.iter().all(|k| k == &keys[0]), "{group:?} → {keys:?}");
            assert!(!keys[0].is_empty());
        }
    }

    #[test]
    fn different_names_keep_different_keys() {
        assert_ne!(name_key("Нурлан"), name_key("Нурлыбек"));
        assert_ne!(name_key("Aset"), name_key("Asel"));
    }

    #[test]
    fn document_keys_ignore_spacing_and_case() {
        assert_eq!(document_key("n 1234-567"), "N1234567");
        assert_eq!(document_key("N1234567"), "N1234567");
    }
}
