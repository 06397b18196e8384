extension TriageRule {
    /// The rules that ship, in English and Russian, on while `[triage] default_rules` is
    /// true; the example `config.toml` lists them as they are here.
    ///
    /// - urgent: a payment that fails or is taken twice, an account or card the customer
    ///   cannot get into, and danger to a person (fire, smoke, electric shock, injury): money
    ///   and safety do not wait.
    /// - high: something of theirs broken or a service down for them: it hurts, but the
    ///   customer can wait an hour more than for the above.
    ///
    /// Russian words are stems (`списал*`) so that their endings match, and no stem is
    /// shorter than four letters (shorter ones cost the scan a second look at every word:
    /// see ``WordMatcher``); phrases are written
    /// so that the good news does not match: "работает, спасибо" and "payment went through"
    /// give nothing, "не работает" and "payment didn't go through" do.
    public static let defaults: [TriageRule] = [
        rule("payment failed", .urgent, [
            "can't pay", "cannot pay", "can not pay", "unable to pay", "couldn't pay", "could not pay",
            "payment failed", "payment fails", "payment failing", "payment keeps failing", "payment error",
            "payment declined", "payment was declined", "payment didn't go through", "payment did not go through",
            "payment won't go through", "payment isn't going through", "payment not going through",
            "payment* not working", "payment* isn't working", "payment* is not working", "payments aren't working",
            "payment* doesn't work", "payment* does not work", "payments don't work",
            "checkout not working", "checkout isn't working", "checkout is not working", "checkout doesn't work",
            "error at checkout", "error when paying", "error while paying",
            "card declined", "card was declined", "card got declined", "card keeps getting declined", "declined my card",
            "transaction failed", "checkout failed", "checkout fails", "can't check out", "can't checkout",
            "charged twice", "charged me twice", "charged two times", "charged 2 times", "charged double",
            "double charged", "double charge", "billed twice", "paid twice", "overcharged", "money taken twice",
            "не мог* оплат*", "не мож* оплат*", "не мог* заплат*", "не мож* заплат*",
            "не получа* оплат*", "не получил* оплат*", "не уда* оплат*", "не уда* заплат*",
            "оплат* не прош*", "оплат* не проход*", "платеж* не прош*", "платеж* не проход*",
            "не проход* оплат*", "не проход* платеж*", "не прош* оплат*", "не прош* платеж*",
            "ошибк* оплат*", "ошибк* при оплат*", "ошибк* платеж*", "при оплат* ошибк*",
            "оплат* не работа*", "платеж* не работа*", "не работает оплат*", "не работает платеж*",
            "карт* отклон*", "отклон* карт*", "платеж* отклон*", "оплат* отклон*", "отклон* платеж*", "отклон* оплат*",
            "списал* дважды", "дважды списал*", "списал* два раза", "списал* 2 раза", "два раза списал*",
            "двойн* списани*", "деньги списал*", "списал* деньги", "с карты списал*", "со счета списал*", "снял* дважды", "дважды снял*",
            "оплатил* дважды", "дважды оплатил*", "заплатил* дважды", "дважды заплатил*",
        ]),
        rule("no access", .urgent, [
            "can't log in", "cannot log in", "can not log in", "couldn't log in", "could not log in", "unable to log in",
            "can't login", "cannot login", "unable to login", "can't log into", "cannot log into",
            "can't sign in", "cannot sign in", "couldn't sign in", "unable to sign in", "can't sign into",
            "can't access my", "cannot access my", "unable to access my", "can't get into my", "lost access", "no access to my",
            "locked out", "locked me out", "account locked", "account is locked", "account was locked", "account has been locked",
            "account blocked", "account is blocked", "account was blocked", "account has been blocked", "blocked my account",
            "locked my account", "account suspended", "account was suspended", "account has been suspended", "suspended my account",
            "account frozen", "froze my account", "card blocked", "card is blocked", "card was blocked", "hacked",
            "didn't get the code", "didn't receive the code", "not receiving the code", "never got the code",
            "не мог* зайт*", "не мож* зайт*", "не мог* войт*", "не мож* войт*", "не мог* попаст*", "не мож* попаст*",
            "не получа* зайт*", "не получа* войт*", "не получил* зайт*", "не получил* войт*", "не уда* зайт*", "не уда* войт*",
            "не мог* залогин*", "нет доступа", "потерял* доступ*", "заблокир*", "взлом*", "забанил*",
            "не приход* код*", "код не приход*", "кода не приход*", "коды не приход*", "код не пришел", "не пришел код*", "смс не приход*", "не приход* смс",
        ]),
        rule("danger", .urgent, [
            "caught fire", "catch fire", "catches fire", "catching fire", "caught on fire", "is on fire", "was on fire",
            "set fire", "fire hazard", "fire broke out", "started a fire", "caused a fire", "there was a fire", "house fire",
            "kitchen fire", "fire in my", "fire in the", "flames", "burst into flames",
            "smoke is coming", "smoke coming", "smoke came", "smoke comes", "smoke from", "smoke out of", "smoke everywhere",
            "full of smoke", "there's smoke", "there is smoke", "smell of smoke", "smells of smoke", "smells like smoke", "smell smoke",
            "is smoking", "was smoking", "started smoking", "it's smoking", "smoldering",
            "smouldering", "sparks", "sparking", "it sparked", "sparked when", "sparked and",
            "got a shock from", "got shocked by", "shocked me when", "electric shock", "electrical shock",
            "electrocuted", "injured", "injury", "injuries", "got hurt", "hurt myself", "bleeding",
            "burns", "burned", "burnt", "burning", "explod*", "explosion", "gas leak", "smell of gas",
            "smells of gas", "smells like gas", "overheat*", "ambulance", "dangerous", "unsafe",
            "пожар", "пожара", "пожаре", "пожаром", "пожары", "пожарн*", "возгоран*", "дым", "дыма", "дымом", "дымит*", "дымя*", "задым*", "запах гари", "пахнет гарью",
            "искрит*", "искры", "искра", "искрами", "удар* током", "бьет* током", "током удар*", "током бьет*",
            "травм*", "пострадал*", "ранен*", "обжег*", "ожог*", "взорвал*", "взрыв*",
            "утечк* газа", "запах газа", "пахнет газом", "газом пахнет", "перегрев*", "перегрел*",
            "оплавил*", "расплавил*", "плавит*", "опасн*", "скорую помощь", "скорой помощи", "скорая помощь", "вызвал* скорую",
        ]),
        rule("not working", .high, [
            "not working", "isn't working", "is not working", "aren't working", "stopped working", "quit working",
            "doesn't work", "does not work", "don't work", "didn't work", "won't work",
            "won't turn on", "doesn't turn on", "not turning on", "won't start", "won't load", "won't open",
            "not loading", "broken", "broke", "broke down", "crashed", "crashes", "crashing", "keeps crashing",
            "site is down", "app is down", "service is down", "website is down", "server is down", "down for me",
            "outage", "no internet", "no signal", "no connection", "defective", "faulty", "malfunction*",
            "не работает", "не работают", "не работал", "не работала", "не работало", "не работали", "не работающ*", "перестал* работат*", "сломал*", "сломан*", "поломал*", "поломк*",
            "не включается", "не включаются", "не включился", "не включилась", "не включилось", "не загружа*", "не грузит*", "не открыва*", "не запуска*", "не заряжа*",
            "глючит", "глюч*", "завис", "зависа*", "сайт* лежит", "сервер* лежит", "приложени* лежит",
            "сайт* упал*", "сервис* упал*", "сервер* упал*", "нет интернет*", "нет связи", "нет сети", "бракован*",
        ]),
    ]

    /// A built-in rule from its word patterns, which the tests keep valid.
    private static func rule(_ name: String, _ level: PriorityLevel, _ words: [String]) -> TriageRule {
        TriageRule(name: name, level: level, words: words.map { text in
            guard let pattern = try? WordPattern(text) else { preconditionFailure("built-in pattern \"\(text)\" does not parse") }
            return pattern
        })
    }
}
