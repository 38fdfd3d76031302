/** Words the dashboard uses for channels and frequencies (the public pages have their own, translated). */
export const channelLabels = { email: "Email", sms: "SMS", push: "Push", in_app: "In-app" } as const;
export const frequencyLabels = { instant: "As it happens", daily: "Daily", weekly: "Weekly", monthly: "Monthly" } as const;
