## Beder — қазақша (әдепкі тіл). Әр идентификатор ru және en файлдарында да бар (тест тексереді).

app-name = Бедер
app-tagline = СІМ Қағидалары бойынша шет елдегі мекемеде дактилоскопиялық ақпарат жинау

## Жинау құқығы (п.3, п.4)

decision-collect = Дактилоскопиялық ақпарат жиналады. Жасы: { $age }.
decision-exempt = Дактилоскопиялық тіркеуден босатылады: саусақ таңбалары алынбайды; босатуды және оның негізін тіркеңіз. Жасы: { $age }.
decision-not-subject = Шет елдегі мекеме бұл адамнан дактилоскопиялық ақпарат жинамайды: саусақ таңбалары алынбайды. Жасы: { $age }.

ground-citizen-passport = Азамат паспортты { $service ->
        [first_issue] алғаш рет алу
        [restoration] қалпына келтіру
       *[replacement] ауыстыру
    } үшін жүгінді (п.3.1).
ground-citizen-other-passport-service = п.3.1 паспортты алғаш рет алуды, қалпына келтіруді немесе ауыстыруды ғана қамтиды; бұл қызмет оларға жатпайды.
ground-visa-applicant = Он алты жасқа толған шетелдік немесе азаматтығы жоқ адам мекемеге виза алу үшін жүгінді (п.3.2).
ground-visa-applicant-under-16 = Өтініш беруші он алты жасқа толмаған: п.3.2 он алты жасқа толған шетелдіктер мен азаматтығы жоқ адамдарды ғана қамтиды.
ground-electronic-visa = Электрондық форматта және мекемеге барусыз берілетін виза п.3.2 бойынша алып тасталған.
ground-under-12 = Он екі жасқа толмаған балалар босатылады (п.4.1).
ground-reciprocity = Өзаралық қағидаты негізінде босатылады (п.4.2): { $category ->
        [head_of_state_government_or_organisation] шет мемлекеттің, үкіметтің немесе халықаралық ұйымның басшысы не оның отбасы мүшесі
        [member_of_parliament_government_or_organisation] парламенттің, үкіметтің немесе халықаралық ұйымның мүшесі не оның отбасы мүшесі, дипломатиялық паспорт иесі
        [official_delegation] ресми делегация мүшесі не ертіп жүретін адам, дипломатиялық паспорт иесі
        [honorary_consul] Қазақстан Республикасының құрметті консулы не оның отбасы мүшесі
        [agent_on_official_business] қызметтік іспен келетін дипломатиялық немесе халықаралық ұйым паспортының иесі
        [diplomatic_courier] дипломатиялық паспорты және курьерлік парағы бар дипломатиялық курьер
       *[invited_by_state_body] п.4.2-де аталған мемлекеттік органның шақыруымен келетін адам
    }.
ground-medical-conclusion = Дәрігерлік-консультациялық комиссияның { $date } № { $number } қорытындысы (п.4.3).
ground-lacks-fingers-or-palms = Адамның екі қолының барлық саусақтары немесе алақандары жоқ (п.4.4).

note-reciprocity-refused = Мәлімделген өзаралық негізіндегі босату (п.4.2) қолданылмайды: { $reason ->
        [not_visa_applicant] ол тек визаға жүгінген адамдарға қатысты.
        [no_reciprocity] өтініш берушінің мемлекеті Қазақстанға тең шарттар қамтамасыз етпейді.
       *[condition_not_met] { $category ->
            [member_of_parliament_government_or_organisation] дипломатиялық паспорт қажет.
            [official_delegation] дипломатиялық паспорт қажет.
            [agent_on_official_business] ол дипломатиялық немесе халықаралық ұйым паспорты бар, қызметтік іспен келетін адамның өзіне ғана қолданылады.
            [diplomatic_courier] ол дипломатиялық паспорты және курьерлік парағы бар курьердің өзіне ғана қолданылады.
            [invited_by_state_body] ол шақырылған адамның өзіне ғана қолданылады.
           *[other] оның шарты орындалмаған.
        }
    }

## Таңба алудан бұрын (п.5, п.8, п.9, п.11)

requires-consent = { $by ->
        [child] Баладан заңды өкілінің қатысуымен оның өз ауызша келісімін сұраңыз (п.5, п.8).
        [guardian] Келісім қамқоршы арқылы білдіріледі және солай тіркеледі (п.5, п.9).
       *[applicant] Азаматтан дактилоскопиялық тіркеуден өтуге келісетінін сұраңыз және ауызша жауабын тіркеңіз (п.5).
    }
requires-legal-representative = Заңды өкіл жеке басын куәландыратын құжатпен және өкілеттігін растайтын құжатпен қатысуы тиіс (п.8).
requires-guardian = Қамқоршы жеке басын куәландыратын құжатпен және қамқоршылықты растайтын құжатпен қатысуы тиіс (п.9).
requires-written-application = Тіркеу қағидаларының 1-қосымшасындағы нысан бойынша жазбаша өтініш қажет (п.8, п.9).
requires-verification = Адам бұрын тіркелген: жаңадан тіркеудің орнына сақталған саусақ таңбалары бойынша жеке басын верификациялаңыз (п.11).

## Дактилоскопиялау жоспары (п.10)

plan-fingers = Саусақтарды дактилоскопиялаңыз; алып тасталғаны: { $excepted } (п.10).
plan-palms = Саусақтарды дактилоскопиялау мүмкін емес: алақан таңбаларын алып, физикалық кемістіктер туралы { $permanence ->
        [permanent] тұрақты
       *[temporary] уақытша
    } белгіні тіркеңіз (п.10).
plan-no-prints = Саусақтарды да, алақандарды да дактилоскопиялау мүмкін емес: дактилоскопиялау жүргізілмейді; физикалық кемістіктер туралы { $permanence ->
        [permanent] тұрақты
       *[temporary] уақытша
    } белгіні тіркеңіз (п.10).

## Саусақтар және ерекшеліктер

finger-right-thumb = Оң қолдың бас бармағы
finger-right-index = Оң қолдың сұқ саусағы
finger-right-middle = Оң қолдың ортаңғы саусағы
finger-right-ring = Оң қолдың аты жоқ саусағы
finger-right-little = Оң қолдың шынашағы
finger-left-thumb = Сол қолдың бас бармағы
finger-left-index = Сол қолдың сұқ саусағы
finger-left-middle = Сол қолдың ортаңғы саусағы
finger-left-ring = Сол қолдың аты жоқ саусағы
finger-left-little = Сол қолдың шынашағы
exception-amputated = Ампутацияланған
exception-no-papillary-pattern = Папиллярлық өрнек жоқ
exception-injured = Жарақаттанған
exception-bandaged = Таңылған
exception-unprintable = Қазір таңбасы түспейді

## Жарамсыз жағдайлар

error-born-after-application = Туған күні жүгінген күнінен кейін.
error-citizen-needs-passport-service = Азамат визаға емес, паспорт қызметіне (алғаш рет алу, қалпына келтіру, ауыстыру немесе басқа) жүгінеді.
error-foreigner-needs-visa = Шетелдік немесе азаматтығы жоқ адам паспорт қызметіне емес, визаға жүгінеді.
error-medical-conclusion-number = Дәрігерлік-консультациялық комиссия қорытындысының нөмірін көрсетіңіз.
error-medical-conclusion-date = Қорытынды жүгінген күннен кейінгі күнмен белгіленбейді.

## ЖСН

iin-error-length = ЖСН тура 12 цифрдан тұрады.
iin-error-not-digits = ЖСН тек цифрлардан тұрады.
iin-error-century = ЖСН-нің 7-цифры (ғасыр және жыныс) 1-ден 6-ға дейін болуы тиіс.
iin-error-birth-date = ЖСН-нің 1–6 цифрлары күн емес (ЖЖААКК).
iin-error-check-digit = ЖСН-нің бақылау цифры қате: қате терілмегенін тексеріңіз.
iin-error-no-check-digit = Алғашқы 11 цифры осындай жарамды ЖСН болмайды.

## Пәрмен жолы

cli-error-field = `{ $field }` өрісіндегі деректер қате: { $detail }
cli-error-input = деректер қате: { $detail }
cli-error-read-stdin = стандартты енгізуді оқу мүмкін емес: { $detail }
cli-error-date = `{ $field }`: «{ $value }» ЖЖЖЖ-АА-КК түріндегі күн емес

## Қойма

store-error-missing-directory = { $detail } деректер каталогы жоқ.
store-error-not-initialized = Мұнда дерекқор жоқ ({ $detail }). Оны `beder db init` пәрменімен жасаңыз.
store-error-already-exists = Дерекқор бұрыннан бар: { $detail }; ештеңе өзгертілмеді.
store-error-key-file-missing = { $detail } кілт файлы жоқ: онсыз дерекқорды ашу мүмкін емес. Оны сақтық көшірмеден қалпына келтіріңіз.
store-error-key-file = Кілт файлын пайдалану мүмкін емес: { $detail }
store-error-wrong-passphrase = Құпия фраза қате. Дерекқор өзгертілмеді.
store-error-empty-passphrase = Құпия фраза бос болмауы тиіс.
store-error-corrupt = Дерекқор зақымдалған ({ $detail }). Ештеңе жазылмады; соңғы сақтық көшірмені қалпына келтіріңіз.
store-error-newer-schema = Дерекқорды Бедердің жаңарақ нұсқасы жазған (схема { $detail }). Бедерді жаңартыңыз; дерекқор өзгертілмеді.
store-error-read-only = Дерекқорға жазу мүмкін емес: диск немесе файл тек оқуға арналған ({ $detail }). Ештеңе жоғалмады.
store-error-disk-full = Диск толы. Сақталғандар жоғалмады; орын босатып, қайталаңыз.
store-error-busy = Дерекқорды басқа бағдарлама пайдаланып жатыр. Қайталап көріңіз.
store-error-mode-mismatch = Бұл дерекқор басқа режимге тиесілі ({ $detail }): жұмыс және оқу деректері ешқашан араласпайды.
store-error-not-found = Мұндай жазба жоқ.
store-error-invalid = Деректерді сақтау мүмкін емес: { $detail }
store-error-io = Файл қатесі: { $detail }
store-error-sqlite = Дерекқор қатесі: { $detail }
auth-error-wrong-credentials = Логин немесе құпия сөз қате.
auth-error-locked = Сәтсіз әрекеттер тым көп: есептік жазба 5 минутқа бұғатталды.
auth-error-deactivated = Бұл есептік жазба өшірілген. Консулдық бөлім басшысына хабарласыңыз.
cli-error-no-data-dir = Деректер каталогы жоқ: оны --data-dir арқылы көрсетіңіз.
cli-error-no-passphrase = Құпия фраза жоқ: --passphrase-file ФАЙЛ көрсетіңіз немесе BEDER_PASSPHRASE орнатыңыз.
cli-error-passphrase-file = { $path } құпия фраза файлы оқылмайды: { $detail }

## Сканер және кескіндер

scanner-error-not-connected = Сканер қосылмаған. Кабельді тексеріп, «Қайта қосу» түймесін басыңыз.
scanner-error-busy = Сканер басқа таңба алумен бос емес.
scanner-error-timeout = Саусақ уақытында қойылмады. Қайталаңыз.
scanner-error-no-finger = Сканер саусақты анықтамады.
scanner-error-wrong-finger-count = Сканер күтілгеннен аз саусақ көрді. Барлық саусақты қойыңыз немесе жоқтары үшін ерекшелік белгілеңіз.
scanner-error-device-fault = Сканер ақау туралы хабарлады: { $detail }
scanner-error-cancelled = Таңба алу тоқтатылды.
scanner-error-unsupported = Сканер мұндай таңба алуды орындай алмайды: { $detail }
image-error-unreadable = Кескін файлы оқылмайды: { $detail }
image-error-not-an-image = Файл кескін емес (PNG, TIFF, BMP, JPEG немесе WSQ): { $detail }
image-error-empty = Кескін бос: { $detail }
image-error-too-large = Кескін тым үлкен: { $detail }
image-error-bit-depth = Кескін 8 биттік сұр түсті емес: { $detail }
image-error-damaged = Кескін деректері зақымдалған: { $detail }
cli-error-impressions = Таңбалар саны 1-ден 20-ға дейін болуы тиіс, { $value } емес.

## Биометрия

extract-error-too-small = Кескін минуцияларды анықтау үшін тым кішкентай: { $detail }
extract-error-too-large = Кескін минуцияларды анықтау үшін тым үлкен: { $detail }
iso-error = Жарамсыз ISO/IEC 19794-2 үлгісі: { $detail }
eval-error = Бағалауды орындау мүмкін емес: { $detail }
cli-error-ppi = Ажыратымдылық 250-ден 2000 ppi-ге дейін болуы тиіс, { $value } емес.
cli-error-matcher = Белгісіз салыстыру алгоритмі { $value } (белгілілері: mcc, bozorth3, prefilter).

## Қабылдау барысы

flow-error-wrong-step = Бұл қадамда мұны істеуге болмайды.
flow-error-fields = Кейбір өрістерді түзету қажет.
flow-error-representation = Өкілдің құжаттары толық емес: олар енгізілмейінше жалғастыруға болмайды (п.8, п.9).
error-service-mismatch = Азамат паспортқа, шетелдік немесе азаматтығы жоқ адам визаға жүгінеді.
field-required = Міндетті өріс.
field-bad-date = Бұл күн емес: КК.АА.ЖЖЖЖ түрінде жазыңыз.
field-iin-citizens-only = ЖСН тек азаматтар үшін енгізіледі (п.7).
field-iin-disagrees = ЖСН туған күнімен немесе жынысымен сәйкес келмейді.

## Kiosk screens

ui-training-banner = ОҚУ РЕЖИМІ — оқу дерекқоры және сканер имитаторы; бұл жерден жұмыс тізілімдеріне ештеңе түспейді
ui-sign-out = Шығу
ui-theme-light = Ашық тақырып
ui-theme-dark = Қараңғы тақырып
ui-unlock-title = Дерекқорды ашу
ui-passphrase = Дерекқордың құпия фразасы
ui-unlock = Ашу
ui-setup-title = Алғашқы іске қосу: мекеме, алғашқы басшы, құпия фраза
ui-mission = Шет елдегі мекеме
ui-country = Ел
ui-city = Қала
ui-surname = Тегі
ui-name = Аты
ui-login = Логин
ui-password = Құпия сөз
ui-passphrase-again = Фраза қайта
ui-create = Жасау
ui-passphrase-mismatch = Фразалар сәйкес емес немесе 8 таңбадан қысқа.
ui-sign-in-title = Қызметкердің кіруі
ui-sign-in = Кіру
ui-locked-title = Экран бұғатталды: құпия сөзіңізді енгізіңіз
ui-step-applicant = Өтініш беруші және қызмет
ui-step-identity = Жеке басы және тізілімдерден іздеу
ui-step-eligibility = Шешімге қажет сұрақтар (п.3, п.4)
ui-step-representation = Заңды өкіл немесе қамқоршы (п.8, п.9)
ui-step-consent = Келісім (п.5)
ui-step-capture = Дактилоскопиялау (п.6, п.10)
ui-step-confirmation = Дактилоскопиялаусыз шешім
ui-step-done = Дайын
ui-outcome-collect = Жинау
ui-outcome-exempt = Босатылған
ui-outcome-not-subject = Жатпайды
ui-previous-registration = Бұрын тіркелген:
ui-save-decision = Шешімді сақтау
ui-next-applicant = Келесі өтініш беруші
ui-done-refusal = Бас тарту азаматтар тізіліміне енгізілді.
ui-done-not-collected = Шешім негіздерімен бірге енгізілді.
ui-back = Артқа
ui-citizen = Азамат
ui-foreigner = Шетелдік
ui-stateless = Азаматтығы жоқ адам
ui-service-first-issue = Паспорт: алғаш рет алу
ui-service-restoration = Паспорт: қалпына келтіру
ui-service-replacement = Паспорт: ауыстыру
ui-service-other = Паспорт: басқа қызмет
ui-service-visa = Мекемедегі виза
ui-service-e-visa = Барусыз электрондық виза
ui-next = Әрі қарай
ui-patronymic = Әкесінің аты (бар болса)
ui-birth-date = Туған күні
ui-sex = Жынысы
ui-male = Ер
ui-female = Әйел
ui-iin = ЖСН (бар болса)
ui-previous-passport = Бұрынғы паспорттың нөмірі
ui-identity-document = Жеке басын куәландыратын құжаттың нөмірі
ui-declared-incapable = Сот әрекетке қабілетсіз деп таныған
ui-lacks-fingers = Екі қолының барлық саусақтары немесе алақандары жоқ (п.4.4)
ui-medical-conclusion = Дәрігерлік-консультациялық комиссияның қорытындысы (п.4.3)
ui-medical-number = Қорытынды нөмірі
ui-medical-date = Қорытынды күні
ui-reciprocity = Өтініш берушінің елімен өзаралық сақталады (п.4.2)
ui-category = Санат:
ui-category-none = Жоқ
ui-family-member = Отбасы мүшесі немесе ертіп жүретін адам
ui-passport-kind = Паспорт:
ui-passport-ordinary = Қарапайым
ui-passport-diplomatic = Дипломатиялық
ui-passport-service = Қызметтік
ui-passport-international = Халықаралық ұйым
ui-courier-sheet = Курьерлік парағы бар
ui-decide = Шешу
ui-rep-identity-number = Жеке басын куәландыратын құжаттың нөмірі
ui-rep-authority-title = Өкілеттігін растайтын құжат
ui-rep-authority-number = Оның нөмірі
ui-rep-application = Жазбаша өтініш (1-қосымша) алынды
ui-consents = Келіседі
ui-refuses = Бас тартады
ui-demo-login = Оқу режимі: { $login } ретінде { $password } құпия сөзімен кіріңіз.
ui-category-name = { $category ->
        [head_of_state_government_or_organisation] Мемлекет, үкімет немесе ұйым басшысы
        [member_of_parliament_government_or_organisation] Парламент, үкімет немесе ұйым мүшесі
        [official_delegation] Ресми делегация
        [honorary_consul] Құрметті консул
        [agent_on_official_business] Қызметтік іспен
        [diplomatic_courier] Дипломатиялық курьер
       *[invited_by_state_body] Мемлекеттік органның шақыруымен
    }

## Дактилоскопиялау (п.10) және сәйкестендіру (п.11)
ui-step-verification = Жеке басты верификациялау (п.11)
ui-step-personal-data = Дербес деректер (п.7)
ui-step-review = Тексеру және сақтау
ui-scanner = Сканер
ui-no-scanner = Сканер қосылмаған.
ui-device-ready = Дайын
ui-device-busy = Түсіріліп жатыр
ui-device-not-ready = Дайын емес
ui-device-disconnected = Ажыратылған
ui-reconnect = Қайта қосу
ui-simulated-person = Оқу өтініш берушісі:
ui-capture = Сканерлеу
ui-capturing = Түсіріліп жатыр… қызметкер тоқтата алады.
ui-cancel = Болдырмау
ui-continue = Жалғастыру
ui-right-hand = Оң қол
ui-left-hand = Сол қол
ui-palms = Алақандар (п.10)
ui-quality = Сапа { $score }
ui-quality-policy = Сапа шегі { $threshold }, бір саусаққа ең көбі { $attempts } әрекет.
ui-attempts = Әрекет: { $count }
ui-exception = ерекшелік…
ui-recapture = қайта түсіру
ui-exception-for = { $position }: неге таңбаланбайды?
ui-no-exception = Ерекшеліксіз
ui-force-capture-ask = { $position }: әрекеттер шектен төмен сапамен таусылды. Ең жақсы таңбаны мәжбүрлі қабылдау, себебі:
ui-mark-temporary = Физикалық кемістік туралы белгі, уақытша: келесі жүгінгенде қайта дактилоскопиялау (п.10).
ui-mark-permanent = Физикалық кемістік туралы белгі, тұрақты (п.10).
capture-request-finger = Келесі: { $finger }
capture-request-right-four = Келесі: оң қолдың төрт саусағы
capture-request-left-four = Келесі: сол қолдың төрт саусағы
capture-request-thumbs = Келесі: екі бас бармақ
capture-request-palm = Келесі: алақан
capture-status-to-do = Күтуде
capture-status-recapture = Қайта түсіру: сапасы төмен
capture-status-sequence = Қайта түсіру: реттілік тексеруі
capture-status-awaiting-force = Әрекеттер таусылды
capture-status-accepted = Қабылданды
capture-status-force-captured = Мәжбүрлі қабылданды
capture-error-wrong-fingers = Сканер { $expected } саусақтың { $found }-ін қайтарды. Жоқ саусаққа ерекшелік белгілеңіз немесе қайта түсіріңіз.
capture-error-not-expected = Бұл түсіру жоспарға кірмейді.
capture-error-same-finger = Бір саусақ екі рет қойылды ({ $fingers }): осы орындарды қайта түсіріңіз.
capture-error-hands-swapped = Қолдар шатастырылды ({ $fingers }): екі қолды да қайта түсіріңіз.
force-worn-ridges = Папиллярлық сызықтары өшкен
force-skin-condition = Құрғақ не ылғал тері
force-scarred = Тыртық не қатпар
force-cannot-hold-still = Саусағын қозғалтпай ұстай алмайды
palm-right-full = Оң алақан
palm-left-full = Сол алақан
palm-right-writers = Оң алақанның қыры
palm-left-writers = Сол алақанның қыры
ui-verification-round = Сәйкестендірудің { $rounds } кезеңінің { $round }-і: осы саусақтарды түсіріңіз.
ui-verification-fused = Жиынтық балл { $score } (шегі { $threshold })
ui-verified = Жеке басы расталды (п.11).
ui-not-verified = Рұқсат етілген әрекеттерден кейін жеке басы расталмады (п.11).
ui-supervisor-needed = Жалғастыру үшін басшы кіруі керек (содан кейін өтініш беруші толық дактилоскопияланады).
ui-supervisor-login = Басшының логині
ui-supervisor-password = Басшының құпиясөзі
ui-supervisor-continue = Басшы: жалғастыру
ui-done-registered = Тіркеу сақталды.
ui-done-verified = Сәйкестендіру жазылды.
flow-error-capture-incomplete = Дактилоскопиялау аяқталмады: әр саусақ қабылдануы, мәжбүрлі қабылдануы немесе ерекшелікке шығарылуы керек.
flow-error-verification-unfinished = Сәйкестендіру аяқталмады.
flow-error-supervisor-required = Бұл істі тек басшы жалғастыра алады.

## Дербес деректер (п.7)
ui-birth-place = Туған жері
ui-ethnicity = Ұлты
ui-citizenship = Азаматтығы
ui-issue-date = Берілген күні
ui-expiry-date = Жарамдылық мерзімі
ui-issuing-authority = Берген орган
ui-no-previous-passport = Алғаш беру: бұрынғы паспорт жоқ.
ui-photo = Фотосурет
ui-photo-file = Фото файлы (JPEG немесе PNG)
ui-import-photo = Фотоны жүктеу
ui-photo-crop-help = Бет сары сопақты толтыратындай суретті сүйреңіз немесе жүгірткілерді жылжытыңыз.
ui-photo-zoom = Кадр биіктігі
ui-photo-horizontal = Солға – оңға
ui-photo-vertical = Жоғары – төмен
ui-photo-guide = Сопақ фото ауданының 75 %-ын алады: бет оны толтыруы керек (п.7).
ui-photo-use = Осы кадрды алу
ui-photo-background = Фонның ашықтығы { $lightness } (ашық фон керек)
ui-photo-resolution = Кадр { $width }×{ $height } пикс. (кемінде { $min_width }×{ $min_height })
ui-photo-taken = Фото қабылданды ({ $width }×{ $height }).
ui-signature = Қолтаңба
ui-unable-to-sign = Қол қоя алмайды (жас бала, науқас)
ui-signature-clear = Тазарту
ui-signature-file = немесе қолтаңба файлы
ui-import-signature = Қолтаңбаны жүктеу
ui-full-name = Тегі, аты, әкесінің аты
ui-registered-on = Тіркелген күні
ui-basis = Тіркеу негізі
ui-yes = Иә
ui-save-registration = Тіркеуді сақтау
field-photo-required = Фотосурет қажет.
field-signature-required = Қолтаңба қажет (немесе «қол қоя алмайды» белгісін қойыңыз).
field-date-future = Бұл күн болашақта.
field-expiry-before-issue = Қолданылу мерзімі берілген күннен кейін болуы керек.
field-out-of-range = Рұқсат етілген ауқымнан тыс.
photo-error-too-large = Файл { $detail } МБ; ең көбі { $max } МБ қабылданады.
photo-error-not-image = Бұл файл сурет емес.
photo-error-format = Тек JPEG және PNG қабылданады.
photo-error-damaged = Суретті оқу мүмкін емес: { $detail }
photo-error-too-small = Сурет тым кішкентай: { $detail }
photo-error-unreadable = Файлды оқу мүмкін емес: { $detail }
photo-error-checks = Кадр тексеруден өтпеді (фон немесе ажыратымдылық): түзетіңіз немесе басқа фото түсіріңіз.

## Басшы
ui-admin = Басшы
ui-admin-title = Басшының жұмыс орны
ui-back-to-desk = Қабылдауға оралу
ui-admin-settings = Мекеме баптаулары
ui-setting-quality = Сапа шегі (10–90)
ui-setting-attempts = Бір саусаққа әрекет (1–10)
ui-setting-idle = Әрекетсіздікте бұғаттау, минут (1–60)
ui-save-settings = Баптауларды сақтау
ui-settings-saved = Баптаулар сақталды.
ui-admin-accounts = Қызметкерлердің есептік жазбалары
ui-role-supervisor = Басшы
ui-role-officer = Қызметкер
ui-account-active = Белсенді
ui-account-inactive = Өшірілген
ui-deactivate = Тіркелгіні бұғаттау
ui-reset-password = Құпиясөзді қалпына келтіру
ui-new-password = Жаңа құпиясөз
ui-password-reset = Құпиясөз қалпына келтірілді.
ui-password-too-short = Құпиясөз кемінде 8 таңбадан тұрады.
ui-account-deactivated = Есептік жазба өшірілді.
ui-new-officer = Жаңа қызметкер
ui-create-officer = Есептік жазба ашу
ui-officer-created = Есептік жазба ашылды.
ui-exception-short = Ерекшелік
ui-recapture-short = Қайта сканерлеу
ui-officer = Қызметкер
finger-short-thumb = Бас бармақ
finger-short-index = Сұқ саусақ
finger-short-middle = Ортаңғы
finger-short-ring = Аты жоқ
finger-short-little = Шынашақ

## Жазбалар (п.12–п.14)
ui-records = Жазбалар
ui-records-title = Жазбалар: іздеу, түзету, қайта дактилоскопиялау, мұрағат
ui-back-to-search = Іздеуге оралу
ui-registry-both = Екі тізілім
ui-registry-citizens = Азаматтар
ui-registry-foreigners = Шетелдіктер мен азаматтығы жоқ адамдар
ui-search-by-name = Аты мен туған күні бойынша
ui-search-iin = ЖСН (12 цифр)
ui-search-by-iin = ЖСН бойынша
ui-search-by-document = Құжат нөмірі бойынша
ui-document-number = Құжат нөмірі
ui-search = Іздеу
ui-nothing-found = Ештеңе табылмады.
ui-open = Ашу
ui-registry = Тізілім
ui-date = Күні
ui-badges = Белгілер
badge-refusal = Бас тарту
badge-exemption = Босатылған
badge-not-subject = Жатпайды
badge-defect-mark = Кемістік белгісі
badge-refingerprint-due = Қайта дактилоскопиялау керек
badge-imported-mark = Басқа жерде тіркелген
ui-correct = Деректерді түзету (п.12)
ui-refingerprint = Қайта дактилоскопиялау (п.13)
ui-verifications = Жеке басын сәйкестендіру (п.11)
ui-history = Нұсқалар мұрағаты (п.14)
ui-history-registered = тіркеу
ui-history-change = { $kind }: { $who }, «{ $reason }», қызметкер { $officer }
ui-history-current = ағымдағы
ui-history-archived = мұрағатта
ui-history-biometric-set = { $set }-таңбалар жиыны: { $rows } жол, мұрағатта { $archived }
ui-compare = Салыстыру:
ui-changed-count = Айырмашылығы бар өрістер: { $count }.
ui-correction-title = Түзету (п.12): кім жүгінді, себебі, жаңа мәндер
ui-who-applied = Кім жүгінді:
ui-applicant-person = Адамның өзі
ui-applicant-representative = Заңды өкіл
ui-applicant-guardian = Қорғаншы
ui-applicant-erroneous = Қате мәліметтер анықталды
ui-applicant-document = Өкілдің жеке басын куәландыратын құжаты
ui-reason = Себебі
ui-reason-required = Себебі қажет.
ui-save-correction = Түзетуді сақтау
ui-correction-saved = Түзету сақталды; бұрынғы деректер мұрағатта (п.14).
ui-refingerprint-title = Қайта дактилоскопиялау (п.13)
ui-refingerprint-choose = Зақымданған немесе жоғалған саусақтарды таңдаңыз (немесе барлығын):
ui-all-ten = Он саусақтың барлығы
ui-all-ten-and-palms = Он саусақ және алақандар
ui-choose-positions = Кемінде бір саусақты немесе алақанды таңдаңыз.
ui-refingerprint-saved = Жаңа таңбалар сақталды; бұрынғылары мұрағатта (п.14).
ui-refingerprint-due = Бұл адамда физикалық кемістік туралы уақытша белгі бар: осы жүгінгенде қайта дактилоскопиялау (п.10, п.13).
ui-refingerprint-now = Қазір қайта дактилоскопиялау

## Оқу өтініш берушілері
sim-01_normal = Қалыпты
sim-01_normal-help = Он жақсы саусақ.
sim-02_poor_first = Алғашқы таңба нашар
sim-02_poor_first-help = Екі сұқ саусақтың алғашқы таңбасы нашар: қайта түсіру.
sim-03_amputated = Саусағы кесілген
sim-03_amputated-help = Сол қолдың аты жоқ саусағы кесілген: ерекшелік (тұрақты).
sim-04_bandaged = Қолы таңылған
sim-04_bandaged-help = Сол қол таңылған: оның саусақтарын ерекшелікке шығару (уақытша).
sim-05_swapped_hands = Қолдары шатасқан
sim-05_swapped_hands-help = Өтініш беруші басқа қолын қояды: реттілік тексеруі мұны ұстауы керек.
sim-06_palms_only = Саусақтар таңбаланбайды
sim-06_palms_only-help = Бірде-бір саусақ таңбаланбайды: алақандарды таңбалау (п.10).
sim-07_no_prints = Таңба мүлдем жоқ
sim-07_no_prints-help = Саусақтар да, алақандар да таңбаланбайды: физикалық кемістік туралы белгі (п.10).
sim-08_duplicate_finger = Бір саусақ екі рет
sim-08_duplicate_finger-help = Өтініш беруші ортаңғы саусақтың орнына қайтадан сұқ саусақты қояды.

ui-step-duplicates = Қайталануды тексеру
ui-duplicates-found = Бұл саусақтар басқа жеке басы деректерімен тіркелген.
ui-duplicates-explain = Тіркеу тоқтатылды. Төмендегі адамдарды өтініш берушімен және оның құжаттарымен салыстырыңыз. Таңбалар қате алынса, дактилоскопиялауға оралыңыз; әйтпесе басшы шешеді.
ui-duplicates-person = Тіркелген адам
ui-duplicates-birth = Туған күні
ui-duplicates-iin = ЖСН
ui-duplicates-registered = Тіркелген күні
ui-duplicates-fingers = Сәйкес келген саусақтар
ui-duplicates-fingers-value = { $compared } ішінен { $matched }
ui-duplicates-supervisor = Тіркеуді тек басшы жалғастыра алады (шешім аудит журналына жазылады).
ui-duplicates-continue = Басшы: бәрібір тіркеу
cli-error-search-position = Саусақтың белгісіз позициясы { $value }: ISO кодын 1–10 көрсетіңіз (1 оң бас бармақ … 5 оң шынашақ, 6 сол бас бармақ … 10 сол шынашақ).
cli-error-search-no-position = { $path }: бұл қай саусақ? ПОЗИЦИЯ=ФАЙЛ түрінде жазыңыз (ISO коды 1–10).
cli-error-bench-search = Тізілімде 1-ден { $persons }-ке дейін адам, 1-ден { $searches }-ке дейін іздеу, ең көбі { $threads } ағын және кемінде 1 үміткер болуы керек.
ui-duplicates-applicant = Үстел басында: { $name }, туған күні { $birth }
error-medical-conclusion-before-birth = Қорытынды адам туған күннен бұрынғы күнмен белгіленбейді.
field-previous-passport-required = Паспортты қалпына келтіру немесе ауыстыру үшін бұрынғы паспорттың нөмірі керек (п.7.1).
field-citizenship-kazakhstan = Қазақстан Республикасының азаматы азаматтар тізіліміне тіркеледі.
field-citizenship-unknown = Мемлекетті тізімнен таңдаңыз.
cli-error-not-an-object = деректер қате: іс атаулы өрістері бар бір JSON нысаны болуы керек
ui-step-decision = Шешім (п.3, п.4)
verification-method-fingers = саусақтар бойынша
verification-method-palms = алақандар бойынша
verification-method-documents = құжаттар бойынша
ui-done-refingerprinted = Қайта дактилоскопиялау сақталды (п.13).
ui-verify-by-documents = Жазбада салыстыратын із жоқ: жеке басты құжаттар бойынша растаңыз (п.11).
ui-document-seen = Тексерілген құжат (түрі мен нөмірі)
ui-identity-confirmed = Жеке басы расталды
field-application-not-received = Қол қойылған жазбаша өтініш алынбай дактилоскопиялауға болмайды.
field-document-expired = Құжаттың мерзімі өтіп кеткен.
field-passphrase-mismatch = Құпия фразалар сәйкес келмейді.
field-password-too-short = Кемінде 8 таңба керек.
stepper-applicant = Өтініш беруші
stepper-identity = Жеке басы
stepper-eligibility = Сұрақтар
stepper-decision = Шешім
stepper-representation = Өкіл
stepper-consent = Келісім
stepper-verification = Верификация
stepper-capture = Дактилоскопиялау
stepper-duplicates = Қайталану
stepper-personal-data = Дербес деректер
stepper-review = Тексеру
stepper-blocked-duplicates = Саусақтар басқа адамның атымен тіркелген: басшы шешеді.
stepper-blocked-not-verified = Жеке басы расталмады: келесі қадамды басшы шешеді.
stepper-skip-no-consent-foreigner = келісім керек емес: шетелдік (п.5 азаматтарға ғана)
stepper-skip-no-representative = өкіл керек емес
stepper-skip-not-collected = саусақ іздері алынбайды
stepper-skip-not-registered-before = бұрын тіркелмеген
stepper-skip-refingerprint = дербес деректер өзгермейді (қайта дактилоскопиялау)
stepper-skip-verified = жеке басы расталды
ui-after-failure = Әрі қарай не істеу керек?
ui-after-failure-another = Егер бұл аты мен туған күні бірдей басқа адам болса, басшы оны жаңадан тіркеуге рұқсат бере алады (қайталану тексерісі бәрібір жүргізіледі).
ui-after-failure-refingerprint = Егер саусақтар зақымдалған болса, басшы жеке басты құжаттар бойынша растайды және бар жазба қайта дактилоскопияланады (п.13).
ui-applicant-kind = Кім өтініш береді
ui-service = Қызмет
ui-cancel-case = Өтініш берушіні болдырмау
ui-cancel-case-confirm = Осы өтініш беруші бойынша енгізілген және алынған барлық деректер жойылады. Ештеңе сақталмайды.
ui-cancel-case-yes = Иә, болдырмау
ui-cancel-case-no = Жоқ, жалғастыру
ui-close-not-verified = Істі жабу: жеке басы расталмады
ui-consent = Келісім (п.5)
ui-consent-given = Ауызша келісті
ui-consent-oral = Азамат ауызша жауап береді. Бас тарту азаматтар тізіліміне жазылады және іс аяқталады.
ui-consent-question = Дактилоскопиялық тіркеуден өткіңіз келе ме?
ui-consent-question-child = Бала дактилоскопиялық тіркеуден өтуге келісе ме? (Баланың өз келісімі, заңды өкілі қатысады)
ui-decision-number = Шешімнің нөмірі: { $number }
ui-defect-mark = Физикалық кемшілік туралы белгі (п.10)
ui-discards-warning = Бұл жауапты өзгерту мыналарды жояды: { $what }. Олар басқа адамға тиесілі болуы мүмкін.
ui-discards-confirm = Өзгерту және жою
ui-discards-keep = Бұрынғы жауапты қалдыру
ui-discards-prints = { $count } алынған позиция
ui-discards-verification = верификация
ui-discards-representative = өкілдің деректері
ui-discards-consent = келісім
ui-discards-personal-data = дербес деректер
ui-done-registered-number = Тіркеу сақталды: № { $number }
ui-done-refingerprinted-number = № { $number } жазбасы қайта дактилоскопияланды
ui-guardian = Қамқоршы (п.9)
ui-legal-representative = Заңды өкіл (п.8)
ui-issued-by = Берген орган
ui-lacks-all-verdict = Барлық саусақтары немесе екі алақаны жоқ: тіркеуден босатылады
ui-lacks-all-detail = Бұл заң бойынша босату (п.4.4), физикалық кемшілік белгісі емес. Шешім оның негізімен сақталады.
ui-record-exemption = Босатуды жазу (п.4.4)
ui-look-up = Тізілімдерден іздеу
ui-mission-code = Мекеменің коды
ui-none = жоқ
ui-not-verified-closed = Жеке басы расталмады: іс тіркеусіз жабылды
ui-photo-present = алынды
ui-previous-passport-if-any = Бұрын паспорт болса
ui-prints = Саусақ іздері
ui-prints-count = { $count } позиция алынды
ui-reciprocity-section = Өзаралық негізіндегі босату (п.4.2)
ui-refingerprint-capture = Қайта дактилоскопиялау (п.13): он саусақ түгел (жазбада алақан болса, алақандар да) қайта алынады; алынбайтындары себебімен белгіленеді.
ui-refingerprint-reason = Себебі
ui-refingerprint-reason-hint = мысалы: саусақтар зақымдалған, уақытша белгі
ui-review-refingerprint = № { $number } жазбасының биометриялық бөлігі ауыстырылады; бұрынғысы мұрағатқа өтеді (п.14).
ui-save-refingerprint = Қайта дактилоскопиялауды сақтау
ui-registered-before = Бұрын тіркелген: { $name }, { $date }, { $registry } ({ $source }) — п.11
ui-source-here = осы мекемеде
ui-source-mark = орталық жүйенің белгісі
ui-rep-application-received-on = { $date } алынды
ui-rep-application-title = Жазбаша өтініш (1-қосымша)
ui-rep-authority-document = Өкілеттігін растайтын құжат
ui-rep-guardianship-document = Қамқоршылықты растайтын құжат
ui-rep-identity = Жеке басын куәландыратын құжаты
ui-setup-mission = Шетелдегі мекеме
ui-setup-supervisor = Алғашқы басшы
ui-setup-passphrase = Дерекқордың құпия фразасы
ui-signature-taken = алынды
ui-supervisor-another-person = Басшы: басқа адам, жаңадан тіркеу
ui-supervisor-refingerprint = Басшы: жазбаны қайта дактилоскопиялау (п.13)
ui-templates-unreadable = Бұрынғы тіркеудің { $count } үлгісін оқу мүмкін емес (журналға жазылды). Олар салыстырылмайды.
ui-verdict-collect = Дактилоскопиялық ақпарат жиналады
ui-verdict-exempt = Дактилоскопиялық тіркеуден босатылады
ui-verdict-not-subject = Дактилоскопиялық тіркеуге жатпайды
ui-verdict-verified = Жеке басы расталды ({ $method })
ui-verdict-not-verified = Жеке басы расталмады ({ $method })
ui-verdict-score-matched = { $position }: { $score } (шегі { $threshold }) — сәйкес
ui-verdict-score-not-matched = { $position }: { $score } (шегі { $threshold }) — сәйкес емес
ui-verified-by-documents = Жеке басы құжаттар бойынша расталды
ui-verify-by-palms = Жазбада тек алақан іздері бар: верификация алақандар бойынша жүргізіледі (п.11).
io-error-not-found = файл жоқ
io-error-permission = файлды оқуға рұқсат жоқ
io-error-not-a-file = бұл файл емес (қалта немесе құрылғы)
io-error-disk-full = дискіде орын жоқ
io-error-read-only = диск тек оқуға арналған
io-error-exists = файл бұрыннан бар
io-error-bad-name = файлдың аты жарамсыз
io-error-damaged = файл бүлінген немесе толық емес
io-error-other = файлды оқу мүмкін болмады
ui-ethnicity-hint = азаматтың қалауы бойынша ғана
ui-stateless-no-citizenship = Азаматтығы жоқ адам: азаматтығы жазылмайды (п.2.1).
ui-previous-passport-facts = Бұрынғы паспорт (п.7.1)
ui-identity-document-facts = Жеке басын куәландыратын құжат (п.7.2)
ui-choose-state = Мемлекетті таңдаңыз…
ui-filter-states = атауы бойынша іздеу
ui-choose-file = Файлды таңдау…
ui-photo-place-first = Алдымен бетті сопақшаға орналастырыңыз: суретті жылжытыңыз немесе жүгірткілерді пайдаланыңыз.
ui-to-review = Тексеруге
ui-decided-on = Шешім күні
ui-history-archived-on = { $date } мұрағатқа өтті
ui-history-prints = Саусақ іздері, { $set }-жинақ ({ $date })
ui-history-version = { $version }-нұсқа ({ $date })
ui-name-optional = міндетті емес: аты басқаша жазылған адамды табу үшін бос қалдырыңыз
ui-no = Жоқ
ui-verified-short = расталды
ui-not-verified-short = расталмады
ui-record-number = № { $number } жазба
ui-recorded-at = Жазылған уақыты
ui-refusal-recorded = Дактилоскопиялық тіркеуден бас тартты
ui-search-by = Іздеу
ui-capturing-short = сканерленуде…
ui-next-short = келесі
duplicates-templates-skipped = { $count } сақталған саусақ үлгісі оқылмады: олардың иелері қайталануға тексерілмеді. Басшыға хабарлаңыз (журналға жазылды).
store-error-incomplete = Үзіліп қалған `beder db init` толық емес дерекқор қалдырды ({ $detail }); онда ештеңе сақталмаған. Оны `beder db init --replace-incomplete` арқылы алмастырыңыз.
store-error-broken-log = Аудит журналы бұзылған ({ $detail }): ештеңе жазылған жоқ. Басшыны шақырыңыз; `beder audit verify` не өзгергенін көрсетеді.
store-error-checkpoint = Бақылау нүктесін пайдалану мүмкін емес: { $detail }
file-error-not-a-file = { $path } — қалыпты файл емес (бума, құрылғы немесе арна).
file-error-too-large = { $path } тым үлкен ({ $limit } МБ-тан асады).
cli-error-search-duplicate-position = { $value } саусағы екі рет берілген: сынамада әр саусақтың бір ізі болады.
cli-error-search-shortlist = Қысқа тізім кемінде 1 адам болуы керек.
image-error-truncated = Сурет файлы толық емес (үзіліп қалған): { $detail }. Қайта сканерлеңіз немесе толық файлды беріңіз.
image-error-over-budget = Суретті ашу үшін жады тым көп қажет: { $detail }
store-error-no-such-folder = { $detail } бумасы жоқ: ештеңе жазылған жоқ.
scanner-error-write = Файлды жазу мүмкін емес: { $detail }
cli-error-out-not-folder = { $path } — бума емес, файл: адамдар бумаға жазылады.
ui-log-broken = Аудит журналы бұзылған ({ $detail }). Жұмыс жалғасады, бұл ескерту журналға жазылды. Басшыны шақырыңыз.
ui-verify-cannot-print = Таңбасын алу мүмкін емес (таңылған, жарақаттанған)
nist-error = ANSI/NIST-ITL транзакциясы оқылмады: { $detail }
wsq-error = WSQ кескіні оқылмады: { $detail }
extract-error-detector = Бұл кескіннен саусақ ерекшеліктерін табу мүмкін болмады: { $detail }. Қайта сканерлеңіз.
nist-error-bitrate = WSQ бит жылдамдығы { $bitrate } — 0,1 мен 8 аралығында болуы керек.
nist-error-no-mission-code = Мекеменің коды жоқ (ол мекеме алғаш бапталғанда енгізіледі): транзакцияның жіберушісін (ORI) атау мүмкін емес.
nist-error-export = Тіркеуді транзакцияға жазу мүмкін емес: { $detail }
training-error-persons = Оқу тізіліміне 1-ден { $max }-ге дейін адам енгізуге болады.
training-error-no-demo = Оқу дерекқорында демо-қызметкер жоқ: тіркеулер оның атынан жасалады.
ui-admin-outbox = Тізілімдерге жіберілетіндер (шығыс кезегі)
ui-outbox-queued = Кезекте
ui-outbox-exported = Жіберілді, жауап жоқ
ui-outbox-acknowledged = Қабылданды
ui-outbox-rejected = Қабылданбады
ui-outbox-oldest = Жауапсыз ең ескі жазба
ui-outbox-last-export = Соңғы жіберу
ui-outbox-last-answer = Тізілімнің соңғы жауабы
ui-outbox-when = { $at } ({ $days } күн бұрын)
ui-outbox-never = —
ui-setting-outbox-warn = Кезек ескертуі, күн (1–90)
ui-outbox-overdue = Тізілімге жіберілетін жазба { $days } күн бойы жауапсыз тұр. Басшы жіберуді тексерсін.
transfer-error-package = Пакетті ашу мүмкін емес: { $detail }
transfer-error-no-central-key = Орталық жүйенің кілті бапталмаған: оны `beder transfer set-central-key ФАЙЛ` арқылы енгізіңіз.
transfer-error-export = Жіберу пакетін жасау мүмкін емес: { $detail }. Ештеңе жіберілген болып белгіленбеді.
transfer-error-ack = Орталық жүйенің файлы қабылданбады: { $detail }. Ештеңе өзгертілмеді.
ui-outbox-rejections = Тізілім қабылдамады — түзету керек:
ui-outbox-rejections-help = Жазбаны «Жазбалар» бөлімінен нөмірі бойынша ашып, түзетіңіз (п.12) немесе қайта дактилоскопиялаңыз (п.13): өзгеріс тізілімге қайта жіберіледі.
ui-outbox-kind-registration = тіркеу
ui-outbox-kind-correction = түзету
ui-outbox-kind-refingerprinting = қайта дактилоскопиялау
ui-outbox-kind-refusal = бас тарту
ui-outbox-kind-non_collection = жинамау шешімі
ui-outbox-kind-verification = верификация
ui-outbox-rejected-banner = Тізілімдер { $count } жазбаны қабылдамады: себептері басшының экранында. Оларды түзету керек.
records-image-purged = Сурет жойылды, үлгі бар
records-images-purged = Саусақ, алақан іздерінің суреттері мен фотосурет тізілімге жеткізіліп, { $date } жойылды (сақтау мерзімі). ISO үлгілері п.11 верификациясы үшін сақталған.
records-photo-purged = Фотосурет тізілімге жеткізіліп, осы жерден жойылған: тізілімде сақталады. Жаңасын тек ол өзгерсе ғана алыңыз.
ui-transfer-export = Тізілімдерге жіберу: алынбалы тасығышқа экспорт
ui-transfer-folder = Тасығыштағы қалта
ui-transfer-again = Бұрын экспортталып, жауап келмегендерін де (сол TCN-дермен)
ui-transfer-export-button = Экспорттау
ui-transfer-progress = { $done } / { $total } транзакция
ui-transfer-nothing = Жіберетін ештеңе жоқ.
ui-transfer-written = Пакет жазылды: { $path } ({ $items } транзакция)
ui-path-required = Алдымен жолды енгізіңіз.
ui-backup = Сақтық көшірме
ui-backup-file = Көшірме файлы (тасығышта)
ui-backup-button = Сақтық көшірме жасау
ui-backup-done = Көшірме жазылды: { $path } (жанында .key және .checkpoint файлдары). Үшеуін де бірге сақтаңыз.
ui-backup-restore = Қалпына келтіру: киоскіні жабыңыз; көшірмені және оның .key файлын { $dir } қалтасына { $db } және { $key } атымен көшіріңіз; `beder db check` іске қосыңыз. Көшірме жасалған кездегі құпия сөзбен ашылады.
ui-retention = Суреттерді сақтау
ui-retention-due = Тізілім { $days } күннен бұрын растаған { $registrations } тіркеудің суреттері жойылуға тиіс ({ $prints } із, { $photos } фото). Жою әр кіргенде өздігінен жүреді; үлгілер сақталады.
ui-retention-purge = Қазір жою
ui-retention-purged = { $registrations } тіркеудің суреттері жойылды ({ $prints } із, { $photos } фото).
ui-setting-retention = Суреттерді сақтау мерзімі, күн (1–3650)
scanner-error-protocol = Сканер қызметінің жауабын пайдалануға болмайды: { $detail }. Түсіріліміңізді қайталаңыз; қайталанса, басшыға хабарлаңыз.
scanner-error-untrusted = Бұл сканерге сенуге болмайды: { $detail }. Тіркелген сканерді қосыңыз.
scanner-error-sbi = Сканер қате туралы хабарлады: { $detail }. Қайта көріңіз.
ui-scanner-certificate = SBI, қолтаңба сертификаты: { $subject }
ui-training-banner-device = ОҚУ РЕЖИМІ — оқу дерекқоры және оқу құрылғысы (SBI); бұл жерден жұмыс тізілімдеріне ештеңе түспейді
ui-setting-developer-devices = Оқу режимінде тіркелмеген (әзірлеуші) SBI құрылғыларына рұқсат ету
ui-setting-developer-devices-help = Жұмыс режимінде мұндай құрылғы ешқашан қабылданбайды: тек қолтаңбасы тексерілген, мақсаты Registration құрылғы.
ui-take-photo = Камерадан түсіру
ui-taking-photo = Камера түсіруде…
ui-camera-device = Камера: { $device }
document-page = { $page }-бет / { $pages }
document-error-pdf = Құжатты жасау мүмкін болмады: { $detail }
receipt-title = Дактилоскопиялық тіркеу туралы қолхат
receipt-number = Тіркеу нөмірі
receipt-date = Күні
receipt-registry = Тізілім
receipt-person = Тегі, аты, әкесінің аты
receipt-birth-date = Туған күні
receipt-ground = Негіз
receipt-collected = Алынды
receipt-collected-line = саусақ: { $fingers }, алақан: { $palms }
receipt-exceptions = Алынбаған саусақтар (себебі)
receipt-force-captured = Сапасы төмен күйінде қабылданды
receipt-defect-mark = Физикалық кемістік туралы белгі (п.10)
receipt-defect-temporary = Уақытша: келесі өтініш кезінде қайта тіркеу
receipt-defect-permanent = Тұрақты
receipt-defect-fingers-and-palms = Саусақтар да, алақандар да алынбайды
receipt-none = жоқ
receipt-representative = Заңды өкіл немесе қорғаншы
receipt-officer = Уәкілетті қызметкер
receipt-decision-number = Шешім нөмірі
receipt-decision = Шешім
receipt-decision-exempt = Дактилоскопиялық тіркеуден босатылған
receipt-decision-not-subject = Дактилоскопиялық тіркеуге жатпайды
receipt-grounds = Негіздер
receipt-note = Бұл қолхат жеке басты куәландыратын құжат емес.
receipt-officer-signature = Уәкілетті қызметкердің қолы
day-report-title = Күн қорытындысы
day-report-registrations = Тіркеулер
day-report-refusals = Бас тартулар (п.5)
day-report-exempt = Босатылғандар (п.4)
day-report-not-subject = Жатпайтындар (п.3)
day-report-verifications = Жеке басты тексеру (п.11)
day-report-needs-review = Басшы қарауын қажет ететін істер
day-report-reviewed = Қаралды
day-report-cases = Күннің істері
day-report-col-number = Нөмір
day-report-col-time = Уақыты (UTC)
day-report-col-attention = Не үшін
day-report-col-officer = Қызметкер
day-report-col-review = Қарау
day-report-no-cases = Бүгін іс болған жоқ.
day-report-reviewed-by = қараған: { $name }
day-report-not-reviewed = қаралмаған
day-report-signature = Басшы: { $name }
attention-force-captured = сапасы төмен қабылданды
attention-defect-mark = кемістік белгісі (п.10)
attention-duplicate-overridden = қайталану ескерілмеді
attention-identity-by-documents = жеке басы құжаттармен расталды
attention-verification-overridden = сәйкессіздік ескерілмеді
admin-tab-day = Күн қорытындысы
admin-tab-statistics = Статистика
admin-tab-audit = Аудит журналы
admin-tab-accounts = Есептік жазбалар
admin-tab-mission = Мекеме
admin-tab-transfer = Тізілімдерге беру
admin-tab-settings = Баптаулар
audit-action = Әрекет
audit-any = кез келген
audit-bad-record = Жазба нөмірі C-000001 немесе F-000001 түрінде болуы керек: { $detail }
audit-chain-intact = Журнал тізбегі бүтін: { $entries } жазба тексерілді.
audit-chain-broken = Журнал тізбегі { $entry } жазбада үзілген.
audit-col-id = №
audit-col-at = Уақыты (UTC)
audit-col-officer = Қызметкер
audit-col-action = Әрекет
audit-col-record = Жазба
audit-csv-file = CSV файлы
audit-export-csv = CSV-ге шығару
audit-exported = Журнал шығарылды: { $path }
audit-officer = Қызметкер
audit-record = Жазба
audit-shown = Көрсетілген жазбалар: { $count }
day-mark-reviewed = Қаралды деп белгілеу
day-pick = Күн
day-print-report = Күн қорытындысын басып шығару
day-review-progress = Қаралды: { $reviewed } / { $needing }
day-summary = Тіркеулер: { $registrations }, бас тартулар: { $refusals }, шешімдер: { $decisions }, тексерулер: { $verifications }
document-printed = Құжат басып шығаруға жіберілді.
document-saved = Принтер жоқ: құжат сақталды: { $path }
mission-name = Мекеменің атауы
mission-country = Ел
mission-city = Қала
mission-code = Мекеме коды
mission-documents-language = Құжаттар тілі
mission-details-help = Бұл деректер өтінішке, қолхатқа, күн қорытындысына және тізілімдерге берілетін пакеттерге жазылады.
mission-save = Сақтау
mission-saved = Мекеме деректері сақталды.
stats-today = Бүгін
stats-7-days = 7 күн
stats-30-days = 30 күн
stats-90-days = 90 күн
stats-365-days = Бір жыл
stats-bad-period = Кезеңді КК.АА.ЖЖЖЖ түрінде енгізіңіз (басы соңынан бұрын).
stats-from = бастап
stats-to = дейін
stats-show = Көрсету
stats-per = Топтау:
stats-day = күн
stats-week = апта
stats-month = ай
stats-by = Бөлу:
stats-by-registry = тізілім
stats-by-officer = қызметкер
stats-registrations = Тіркеулер
stats-refusals = Бас тартулар
stats-exempt = Босатылғандар
stats-not-subject = Жатпайтындар
stats-registrations-plot = Тіркеулер
stats-decisions-plot = Бас тартулар мен шешімдер
stats-quality-plot = Қабылданған іздердің сапасы
stats-quality-axis = сапа, 0–100
stats-checks = Тексерулер және қайталануды тексеру
stats-verification-method = Тексеру (п.11): { $method }
stats-verified-counts = расталды { $yes }, расталмады { $no }
stats-duplicate-searches = Қайталануды іздеу
stats-duplicate-alarms = Қайталану дабылдары
stats-duplicate-overrides = Басшы ескермеген дабылдар
stats-verification-overrides = Ескерілмеген сәйкессіздіктер
stats-outbox-queued = Жіберуді күтуде
stats-outbox-exported = Жіберілді, жауап жоқ
stats-outbox-rejected = Тізілім қабылдамады
stats-officer-rates = Қызметкерлер бойынша үлестер
stats-officer = Қызметкер
stats-rate-exceptions = Алынбаған саусақпен
stats-rate-force = Сапасы төмен қабылданған
stats-rate-palms = Алақанмен
stats-rate-defect = Кемістік белгісімен
ui-account-failed = Сәтсіз кірулер: { $count }
ui-account-locked = { $until } дейін бұғатталған
ui-account-last-sign-in = Соңғы кіру: { $at }
ui-account-unlocked = Есептік жазба бұғаттан шығарылды.
ui-unlock-account = Бұғаттан шығару
ui-rep-print-application = Өтінішті басып шығару (1-қосымша)
ui-rep-print-first = Алдымен өтінішті басып шығарыңыз: өкіл оған қол қояды, содан кейін ол алынды деп белгіленеді.
ui-rep-printed-form = Басылған нысан: { $version }
ui-print-receipt = Қолхатты басып шығару
audit-act-database-created = Дерекқор құрылды
audit-act-login-succeeded = Кіру сәтті
audit-act-login-failed = Кіру сәтсіз
audit-act-login-locked = Есептік жазба бұғатталды
audit-act-logout = Шығу
audit-act-officer-created = Қызметкер қосылды
audit-act-officer-deactivated = Қызметкер өшірілді
audit-act-officer-password-reset = Құпиясөз қалпына келтірілді
audit-act-record-created = Жазба құрылды
audit-act-record-read = Жазба ашылды
audit-act-record-updated = Жазба түзетілді
audit-act-record-archived = Жазба мұрағатқа жіберілді
audit-act-record-exported = Жазба экспортталды
audit-act-record-deleted = Жазба жойылды
audit-act-refusal-recorded = Бас тарту тіркелді
audit-act-non-collection-recorded = Алмау туралы шешім тіркелді
audit-act-verification-recorded = Тексеру тіркелді
audit-act-marks-imported = Белгілер импортталды
audit-act-backup-made = Сақтық көшірме жасалды
audit-act-settings-changed = Баптаулар өзгертілді
audit-act-duplicate-search = Қайталануға тексеру
audit-act-duplicate-overridden = Қайталану ескертуі басшымен өткізілді
audit-act-mark-verification-recorded = Белгі бойынша тексеру тіркелді
audit-act-templates-unreadable = Үлгілер оқылмады
audit-act-verification-overridden = Тексеру нәтижесі басшымен өткізілді
audit-act-incomplete-database-replaced = Аяқталмаған дерекқор ауыстырылды
audit-act-registration-sealed = Тіркеу бекітілді
audit-act-decision-sealed = Шешім бекітілді
audit-act-refusal-sealed = Бас тарту бекітілді
audit-act-broken-chain-warned = Үзілген тізбек туралы ескертілді
audit-act-templates-skipped = Үлгілер өткізілді
audit-act-acknowledgment-read = Растау оқылды
audit-act-images-purged = Суреттер жойылды
audit-act-duplicate-alarm = Қайталану ескертуі
audit-act-case-reviewed = Іс қаралды
audit-act-officer-unlocked = Қызметкер бұғаттан шығарылды
audit-act-audit-exported = Журнал экспортталды
audit-act-document-printed = Құжат басылды
ui-deactivate-confirm = { $login } есептік жазбасы өшірілсін бе? Ол енді кіре алмайды; оның жазбалары сақталады.
records-birth-date-needed = Туған күнін жазыңыз: аты-жөні бойынша іздеуге ол керек.
