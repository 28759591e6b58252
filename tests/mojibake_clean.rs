//! Clean text must pass the `mojibake` step unchanged (a false positive is the worst bug), and
//! repairs must be replayable from their explain records.

use std::borrow::Cow;

use mojifix::mojibake::{is_garbled, repair};
use mojifix::{Fixer, Step};

#[test]
fn scrape_seed_is_left_alone() {
    // Traditional Chinese scrape text with lone `?` lines and a lost-byte span (not ours).
    let seed = include_str!("../fixtures/seed/000_6fd33c8f2af833de.txt");
    assert!(matches!(repair(seed), Cow::Borrowed(_)), "{}", repair(seed));
}

#[test]
fn shipped_sentences_are_left_alone() {
    let text = include_str!("../fixtures/mojibake/sentences.tsv");
    for line in text.lines() {
        let s = line.split_once('\t').unwrap().1;
        assert_eq!(repair(s), s);
        assert!(!is_garbled(s), "{s}");
    }
}

#[test]
fn classical_chinese_is_left_alone() {
    // Tang poems, Song ci, the Analects, the Chuci, titles and poets' names: short lines of
    // rare characters, which double-byte readings of UTF-8 can turn into short words
    // (`舒亶` as EUC-JP `ай`).
    let text = include_str!("../fixtures/mojibake/classical_zh.txt");
    for line in text.lines() {
        assert_eq!(repair(line), line);
    }
}

#[test]
fn tricky_clean_text() {
    for s in [
        "Ação, NÃO, CONCLUSÃO e São Paulo",
        "C O N C L U S Ã O",
        "Ünïcödé façade — “quoted” ‘single’ … naïve",
        "Привет, как дела? Всё хорошо.",
        "Ελληνικά: Καλημέρα κόσμε",
        "日本語のテキストとカタカナ、ひらがな。",
        "中文和English混合的句子，包含123数字。",
        "한국어 문장입니다.",
        "∑ x² ≤ ∞, ±5 °C, 10 € / £ / ¥",
        "Δx≈ε, ∂f/∂x≈0, π≈3.14, a≠b, √é is no word",
        "┌──┬──┐\n│ab│cd│\n└──┴──┘",
        "emoji 😀👍🏽 ok",
        "Ωμέγα — תל אביב — القاهرة",
        "10Î&frac14;s",
        // Symbols that read as other symbols (`¬´` is MacRoman for `«`), a lone Hebrew or
        // phonetic letter out of a symbol: nothing else in the text is damaged.
        "Grr :(   `¬´    ): ok",
        "the “+” and “×” marks",
        "Buy 3×£20 today",
        "VOCÊ VEM AMANHÃ É¿",
        "I don´t know, it´s fine, pra lá´´",
        // A brand in capitals before a trademark sign (`Å™` is windows-1252 for `ř`).
        "Try the new KLIPPÅ™ today, SOFA BRÅ™ too",
        "NEW FROM IKEA: ÖRÅ™, the sofa",
        // Capitals with diacritics as decoration, some of whose byte pairs are GBK or Big5.
        "KÄMÜ ÇÖÖL ÑÍGHT ÄÑD ÐÄÝ ÖÜT ÉÑÄK",
        "PLÄY ÏT ÄGÄÏÑ",
        // A lone ideograph or syllable quoted in alphabetic text: its GBK, Big5 or EUC-KR
        // bytes read as UTF-8 would be an accented letter (`茅` → `é`), which only other
        // damage in the same text makes the likelier reading.
        "The Chinese word 猫 means cat.",
        "Das Wort 猫 heißt Katze und 犬 heißt Hund.",
        "Il carattere 茅 si legge máo.",
        "In Korean, 챕 is rare; 책 means book.",
        // Long enough for the language fit, and in a language close to one that writes the
        // character's reading as a word (Portuguese `é` beside Spanish, Danish `å` beside
        // Norwegian): the fit must stay tight.
        "El carácter chino 茅 significa paja y aparece en muchos nombres de lugares del sur del país.",
        "Det kinesiske tegnet 猫 betyr katt og brukes ofte i navn på butikker og restauranter i Asia.",
        "Слово 薪 по-китайски значит зарплата",
        "Японское слово 猫 означает кошку.",
        // Japanese in half-width katakana only, as old terminals and receipts write it.
        "ﾃﾚﾋﾞｦﾐﾙﾄｷﾊﾏﾄﾞﾉｿﾄｦﾐﾃｸﾀﾞｻｲ",
        "ｱﾘｶﾞﾄｳｺﾞｻﾞｲﾏｼﾀ｡ﾏﾀﾈ",
        "Η λέξη 猫 σημαίνει γάτα στα κινέζικα.",
        "המילה 猫 פירושה חתול בסינית.",
        "Le mot 氓 (máng) veut dire voyou",
        "Kanji 铆 is a rivet",
        // Chinese and Japanese text that quotes Latin words or draws emoticons (from the
        // detection corpus, where each was once changed).
        "CF的USB转换接口，甚至是Windows CE的Palm",
        "目前这个Wiki非常热闹，应该是中文圈子里最大的Wiki站点了。",
        "サンタさんよろしく (ﾉД`) つーか楽天とかbiddersとかって</d>",
        "筋肉痛に苦しめられるかと思うと、ちょっとへこむ(´ﾍ｀；)</p>",
        "<p>纊 褜 鍈 銈 蓜 俉 炻 昱 棈 鋹 曻 彅 丨 仡 仼",
        "Объект захвачен: Документ.ПачкаДокументовАДВ_1",
        // CJK text with characters lost to U+FFFD: one marker per character, no bytes to
        // read again.
        "今日は�い天気ですね。明日も晴れる�しょう。",
        "我们明天�北京参观�物馆，然后去吃�鸭。",
        "오늘은 날씨가 �말 좋네요. 내일도 맑�면 좋겠어요.",
        // Kaomoji with accents on apostrophes for eyebrows.
        "ok (ง'\u{300}-'\u{301})ง and (╯'\u{301}□'\u{300})╯",
    ] {
        assert_eq!(repair(s), s);
    }
}

#[test]
fn explain_records_name_the_codecs_and_replay() {
    let fixer = Fixer::builder().steps([Step::Mojibake]).build();
    let input = "Le barÃ¨me et la rÃ©flexion.";
    let out = fixer.fix_and_explain(input);
    assert_eq!(out.text, "Le barème et la réflexion.");
    assert_eq!(out.changes.len(), 2);
    let json = serde_json::to_value(&out.changes[0]).unwrap();
    assert_eq!(json["step"], "mojibake");
    assert_eq!(json["from_codec"], "windows-1252");
    assert_eq!(json["to_codec"], "utf-8");
    assert_eq!(json["before"], "Ã¨");
    assert_eq!(json["after"], "è");
    assert_eq!(
        mojifix::Explained::replay(input, &out.changes).as_deref(),
        Some(out.text.as_str())
    );
}

#[test]
fn lost_markers_step_collapses_and_reports() {
    let fixer = Fixer::builder()
        .steps([Step::Mojibake, Step::LostMarkers])
        .build();
    let out = fixer.fix_and_explain("名字锟斤拷锟斤拷好");
    assert_eq!(out.text, "名字\u{fffd}\u{fffd}\u{fffd}\u{fffd}好");
    assert_eq!(out.changes.len(), 1);
    assert_eq!(out.changes[0].step, Step::LostMarkers);
    // The mojibake step alone never "repairs" a marker into other garbage.
    assert_eq!(repair("锟斤拷烫烫烫"), "锟斤拷烫烫烫");
}
