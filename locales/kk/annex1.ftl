# Заңды өкілдің (п.8) немесе қорғаншының (п.9) Тіркеу қағидаларына
# 1-қосымша нысанындағы жазбаша өтініші. Министрліктің мәтіні осы файлдың
# орнына қойылады; басылған нұсқа — оның дайджесті.
annex1-footer-title = Өтініш (Тіркеу қағидаларына 1-қосымша)
annex1-annex-line = Дактилоскопиялық ақпаратты жинау және өңдеу қағидаларына 1-қосымша
annex1-addressee = Консулдық бөлімнің басшысына: { $mission }
annex1-from = { $representative } тарапынан
annex1-title = ӨТІНІШ
annex1-body-legal-representative = Мен, { $representative }, { $birth } жылы туған { $person } заңды өкілі ретінде, паспорт ресімдеу кезінде { $person } дактилоскопиялық тіркеуден менің қатысуыммен және баланың өз келісімімен өткізуді сұраймын (п.8).
annex1-body-guardian = Мен, { $representative }, сот әрекетке қабілетсіз деп таныған, { $birth } жылы туған { $person } қорғаншысы ретінде, { $person } дактилоскопиялық тіркеуден менің қатысуыммен өткізуді сұраймын (п.9).
annex1-section-applicant = Өтініш беруші
annex1-section-child = Тіркелетін бала
annex1-section-ward = Тіркелетін қамқорлықтағы адам
annex1-name = Тегі, аты, әкесінің аты
annex1-capacity = Мәртебесі
annex1-capacity-legal-representative = Заңды өкіл (п.8)
annex1-capacity-guardian = Қорғаншы (п.9)
annex1-identity-document = Жеке басын куәландыратын құжат
annex1-identity-expiry = Жарамдылық мерзімі
annex1-document-line = № { $number }, берілген күні { $issued }, { $authority }
annex1-authority-document = Өкілеттігін растайтын құжат
annex1-guardianship-document = Қорғаншылықты растайтын құжат
annex1-authority-line = { $title }, № { $number }, берілген күні { $issued }, { $authority }
annex1-birth-date = Туған күні
annex1-presence-legal-representative = Жеке басымды куәландыратын құжат пен өкілеттігімді растайтын құжатты көрсеттім; тіркеу кезінде қатысамын.
annex1-presence-guardian = Жеке басымды куәландыратын құжат пен қорғаншылықты растайтын құжатты көрсеттім; тіркеу кезінде қатысамын.
annex1-mission = Мекеме
annex1-date = Күні
annex1-signature = Өтініш берушінің қолы ({ $representative })
annex1-received-by = Қабылдаған уәкілетті қызметкер (аты-жөні, қолы)
annex1-version-note = Нысан { $version }
