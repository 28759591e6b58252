fn main() {
    for s in std::env::args().skip(1) {
        println!("{:?} -> {:?}", s, mojifix::mojibake::repair(&s));
    }
}
