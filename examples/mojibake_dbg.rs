fn main() {
    let text = std::fs::read_to_string(std::env::args().nth(1).unwrap()).unwrap();
    let mut shown = std::collections::HashMap::new();
    for line in text.lines() {
        let mut it = line.split('\t');
        let (cat, inp, exp) = (it.next().unwrap(), it.next().unwrap(), it.next().unwrap());
        let got = mojifix::mojibake::repair(inp);
        if got != exp {
            let n = shown.entry(cat.to_string()).or_insert(0);
            *n += 1;
            if *n <= 8 {
                println!("[{cat}] {inp}\n   got {got}\n  want {exp}");
            }
        }
    }
}
