/** The purposes every workspace starts with, and a first published notice for each in English and German. */
export const defaultPurposes = [
  {
    key: "personalization",
    label: "Personalisation",
    description: "Use declared traits to tailor recommendations, content and onboarding.",
    notices: {
      en: {
        title: "Personalisation",
        text: "We use what you tell us, such as your quiz answers and stated preferences, to tailor recommendations, content and onboarding to you.",
      },
      de: {
        title: "Personalisierung",
        text: "Wir nutzen, was Sie uns mitteilen, etwa Ihre Quiz-Antworten und Präferenzen, um Empfehlungen, Inhalte und das Onboarding auf Sie zuzuschneiden.",
      },
    },
  },
  {
    key: "marketing",
    label: "Marketing messages",
    description: "Send news, offers and product updates on the channels the person chose.",
    notices: {
      en: {
        title: "Marketing messages",
        text: "We send you news, offers and product updates on the channels you choose. You can change topics, channels and frequency or unsubscribe at any time.",
      },
      de: {
        title: "Marketing-Nachrichten",
        text: "Wir senden Ihnen Neuigkeiten, Angebote und Produkt-Updates über die von Ihnen gewählten Kanäle. Themen, Kanäle und Häufigkeit können Sie jederzeit ändern oder sich abmelden.",
      },
    },
  },
  {
    key: "sharing",
    label: "Sharing with partners",
    description: "Share data with partners for their own purposes (a sale or sharing under US state privacy laws).",
    notices: {
      en: {
        title: "Sharing with partners",
        text: "We share your data with selected partners for their own purposes, including advertising. A Global Privacy Control signal from your browser opts you out of this sharing.",
      },
      de: {
        title: "Weitergabe an Partner",
        text: "Wir geben Ihre Daten an ausgewählte Partner für deren eigene Zwecke weiter, einschließlich Werbung. Ein Global-Privacy-Control-Signal Ihres Browsers widerspricht dieser Weitergabe.",
      },
    },
  },
  {
    key: "analytics",
    label: "Analytics",
    description: "Measure use of the site, quizzes and messages in aggregate.",
    notices: {
      en: {
        title: "Analytics",
        text: "We measure how our site, quizzes and messages are used, in aggregate, so we can improve them.",
      },
      de: {
        title: "Analyse",
        text: "Wir werten die Nutzung unserer Website, Quizze und Nachrichten in zusammengefasster Form aus, um sie zu verbessern.",
      },
    },
  },
] as const;

export type DefaultPurposeKey = (typeof defaultPurposes)[number]["key"];
