using ItStopsHere.Web.Data.Content;

namespace ItStopsHere.Web.Content;

/// <summary>
/// Each editable page's first version: the words the site showed, as Razor, before the pages became
/// editable (drawn from the campaign's seed text and facts file), now written in Markdown. The tests
/// compare each page's visible text with a copy taken from the Razor pages.
/// </summary>
public static class ContentFirstVersions
{

    public const string ChangeNote = "First version: the page as the site showed it before pages became editable.";

    public static IReadOnlyList<ContentFirstVersion> All { get; } =
    [
        new("what-is-sexual-harassment",
            "What is sexual harassment?",
            "Sexual harassment is unwelcome behaviour of a sexual nature that violates a person's dignity, or creates an intimidating, hostile, degrading, humiliating or offensive environment. It ranges from so-called \"harmless banter\" and jokes to serious physical assault and rape. In any form, sexual harassment is never acceptable.",
            "sexual harassment, sexual assault and rape",
            """
            ## What the law says

            The Equality Act 2010 (section 26) defines sexual harassment as unwanted conduct of a sexual nature that has the purpose or effect of violating someone's dignity, or of creating an intimidating, hostile, degrading, humiliating or offensive environment for them.

            How the person on the receiving end sees it counts. It is also harassment to treat someone worse because they rejected, or gave in to, that kind of conduct.

            ## The forms it takes

            ### Words, jokes and noises

            Sexual harassment can be embarrassing, abusive or insulting words or behaviour. It includes jokes, banter or innuendo that are derogatory or demeaning, often about someone's gender, and unwanted sexual comments or remarks, particularly about your clothes or appearance. Catcalling, wolf whistling and sexual noises directed at you are all sexual harassment.

            ### Threats and unwanted touching

            Aggressive behaviour, threats and unwanted physical contact are sexual harassment too. Common examples are uninvited or unwanted kisses, groping, touching, pinching and smacking.

            ### Online and image-based harassment

            Sexual harassment does not have to happen face to face. It can happen in writing, by email, by phone, by text message or on social media. Sexting, using private images without consent, and sexually explicit messages or posts are all forms of online harassment.

            ### By people with power

            Sexual harassment can come from someone in a position of authority, and can include the overbearing use or misuse of their power.

            ### By groups

            It may be carried out by one person or by a group of people.

            ## It can happen anywhere, to anyone

            Anyone can be subjected to sexual harassment, whatever their sexuality, gender, race, religion or disability.

            It can happen anywhere: on campus, in halls of residence, in students' union spaces or away from the university. Wherever it happens, it is never okay.

            Anyone can be a perpetrator, too: a colleague, a member of staff, a classmate, a partner, a stranger, a family member or even a friend. If you are being harassed or bullied in any form, you do not have to put up with it. [Find out where to get help and how to report it](/help).

            ## Micro-aggressions and everyday sexism

            Micro-aggressions are:

            > "Brief and commonplace daily verbal, behavioural and environmental indignities, whether intentional or unintentional, that communicate hostile, derogatory, or negative racial, gender, sexual orientation, and religious slights and insults to the target person or group."
            >
            > — Adapted from Sue, D. W. et al. (2007), "Racial microaggressions in everyday life: Implications for clinical practice", *American Psychologist* 62(4), 271–286.

            Everyday sexism in the form of micro-aggressions often helps to create a culture in which sexual harassment is seen as acceptable.

            ## When it is a crime

            Some forms of sexual harassment are also crimes in England and Wales:

            - **Rape and sexual assault:** sexual acts without consent. The Sexual Offences Act 2003 says what consent means; [read about consent](/consent).
            - **Physical assault** and **indecent exposure**.
            - **Harassment:** behaviour on at least two occasions that a person knows, or ought to know, alarms someone or causes them distress. Words count as well as actions (Protection from Harassment Act 1997).
            - **Stalking:** for example following someone, contacting or trying to contact them, publishing material about them, monitoring their online communications, loitering, interfering with their property, or watching or spying on them (Protection from Harassment Act 1997, sections 2A and 4A). The most serious stalking offence carries up to 10 years in prison.
            - **Cyberflashing** (sending someone an unwanted sexual image), and **sharing, or threatening to share, an intimate image** of someone without their consent: offences since 31 January 2024 (Sexual Offences Act 2003, sections 66A and 66B, added by the Online Safety Act 2023).

            You can report these crimes to the police: call 999 in an emergency, or 101 to report something that has already happened. Rape Crisis can give you independent advice about the legal process and support, whether or not you report: the Rape Crisis 24/7 Support Line is free on 0808 500 2222.

            - [999](tel:999 "emergency")
            - [101](tel:101 "police non-emergency")
            - [0808 500 2222](tel:08085002222 "Rape Crisis")

            ## What employers and universities must do

            Since 26 October 2024, employers must take reasonable steps to prevent sexual harassment of their employees (Equality Act 2010, section 40A).

            Since 1 August 2025, universities in England must meet the Office for Students' condition E6 on harassment and sexual misconduct. Among other things, each university must publish one complete, easy-to-find source of information about its policies and procedures, and make sure staff and students are appropriately trained.

            ## What you can do

            - [Get help, or report what happened](/help)
            - [Find out how you can take action](/take-action)
            - [Read our myth busters](/myths)
            """),
        new("consent",
            "Consent",
            "Consent means agreeing by choice, and having the freedom and capacity to make that choice. Sexual activity without consent is against the law.",
            "consent, sexual assault and rape",
            """
            ## What the law says

            In England and Wales, the Sexual Offences Act 2003 (section 74) says that a person consents if they agree by choice, and have the freedom and capacity to make that choice.

            > "The word 'consent' in the context of the offence of rape is now defined in the Sexual Offences Act 2003. A person consents if she or he agrees by choice, and has the freedom and capacity to make that choice. The essence of this definition is the agreement by choice… Sexual assault is an act of physical, psychological and emotional violation, in the form of a sexual act, which is inflicted on someone without consent."
            >
            > — Rape Crisis England & Wales

            ## Freedom and capacity

            Both matter. Even if someone says yes, they may not legally have been able to give their consent.

            ### Freedom

            Someone is free to make a choice if nothing bad would happen to them if they said no.

            ### Capacity

            Capacity is about whether someone is physically and mentally able to make a choice, and to understand its consequences. Drink can take away someone's capacity to consent well before they are unconscious (R v Bree, 2007).

            The law presumes there was no consent if the person was asleep or unconscious, or had been given a substance that could stupefy them without their agreement (Sexual Offences Act 2003, section 75).

            ## Consent is ongoing

            Consent is not given once and for all. It needs to be agreed every time you have sex, whether with the same person or someone different, and during sex too, as you start to do different things.

            ## Consent depends on context

            If you agree to sex on certain terms, such as using a condom, your consent is tied to those terms.

            ## Consent in relationships

            Consent within a relationship is just as important as consent outside one. Being in a relationship never means someone has agreed.

            ## An easy way to remember it

            You are doing things because **you** want to, and you must check that the other person, or people, are doing things because **they** want to.

            ## Find out more

            - [Read our myth busters about rape and consent](/myths)
            - [Get help if something has happened to you](/help)
            """),
        new("staying-safe-online",
            "Staying safe online",
            "If you are worried that someone might see that you have visited this site, these steps can help. Take them at your own pace.",
            null,
            """
            ## Leaving this site quickly

            The red **Exit this page** button stays at the top of the screen on every page. It takes you straight to a weather page, and this site's page is replaced, so pressing Back does not bring it up again.

            On a computer, you can also press the `Shift` key three times in a row.

            ## A website cannot erase your history

            The exit button hides the page you are on, but no website can delete your browsing history. The pages you looked at before can still be in your browser's history, and your browser may suggest this site when someone starts typing an address. Only you can remove them, in the ways below.

            ## Use a private window

            A private window does not keep a history of the pages you visit once you close it. It is the simplest step to take before you browse:

            - **Chrome** (Android or computer): open the menu (three dots) and choose **New Incognito tab** or **New Incognito window**.
            - **Safari on iPhone**: tap the tabs button, then choose **Private**.
            - **Samsung Internet**: tap the tabs button, then turn on **Secret mode**.
            - **Firefox**: open the menu and choose **New private window**.
            - **Microsoft Edge**: open the menu (three dots) and choose **New InPrivate window**.

            Close every private tab when you finish. Anything you download or bookmark is still kept, and the network you use (at work, at home or at the university) can still see which sites are visited.

            ## Clear your history

            If you have already visited without a private window, you can remove the pages afterwards. The names of the menus change a little between versions.

            - **Chrome on Android**: open the menu (three dots), choose **History**, then **Delete browsing data**, or remove single pages from the list.
            - **Safari on iPhone**: open the bookmarks button, then the history tab (a clock), and swipe left on a page to delete it; or choose **Clear** at the bottom.
            - **Samsung Internet**: open the menu, choose **History**, then delete single pages or clear it all.
            - **Chrome, Edge or Firefox on a computer**: press `Ctrl` + `H` (on a Mac, `Cmd` + `Y` in Chrome or `Cmd` + `Shift` + `H` in Firefox) to open the history, then delete the pages from this site.

            Removing only the pages from this site can be less noticeable than clearing everything, which may sign you out of other sites.

            ## Shared phones, computers and accounts

            - If you share a phone, tablet or computer, or someone else knows its passcode, they may be able to see your history, your downloads and the tabs you have open.
            - If you are signed in to a browser or an account that someone else can use (for example a shared Google or Apple account), your history may appear on their devices too.
            - If you think someone is checking your phone or computer, it may be safer to look for help on a device they cannot reach, such as a friend's phone or a computer in a library.

            ## What this site keeps on your device

            This site sets no tracking or advertising cookies (see [cookies](/cookies)). While a tab is open it remembers, in that tab only, whether you have already seen this page's link and whether you used the exit button, so that going Back leaves again. Your browser forgets this when you close the tab.

            [Get help now](/help)
            """),
        new("help",
            "Get help now",
            "If something has happened to you or someone you know, you do not have to deal with it alone. These services are free and confidential.",
            null,
            """
            ## Leaving this site quickly and privately

            Quick exit: the **Exit this page** button at the top of every page, or pressing `Shift` three times on a keyboard, takes you straight to a weather page and replaces this site in the browser's Back button. It cannot remove pages you visited earlier from your history, so clear your browsing history too, or use a private (incognito) window, which keeps no history once you close it. [Staying safe online](/staying-safe-online) explains how.
            """),
        new("impact",
            "The impact of sexual harassment",
            "Sexual harassment can have devastating effects on individuals and the communities around them.",
            "sexual assault, stalking and their effects on survivors",
            """
            ## What the Hidden Marks report found

            Many women students struggle to get through their course or student experience without coming into contact with harassment in one form or another, and few report incidents to their institution or the police.

            The NUS *Hidden Marks* report (2010) gave an eye-opening account of how survivors of sexual harassment, violence and stalking were affected. Respondents described effects on their learning, course attendance, confidence and relationships, and most commonly a deterioration of their mental health.

            In its survey of 2,058 women students in 2009 and 2010:

            - 1 in 7 had experienced a serious physical or sexual assault as a student
            - 68% had experienced verbal or physical sexual harassment
            - 12% had been stalked
            - of those who had been seriously sexually assaulted, only 4% reported it to their institution and 10% to the police
            - of those who did not report to the police, 50% felt ashamed or embarrassed and 43% feared being blamed

            These findings reveal a serious problem that needs urgent action.
            """),
        new("accessibility",
            "Accessibility statement",
            "We want everyone to be able to use this site, whatever device or assistive technology they use.",
            null,
            """
            ## What you can expect

            - Every page works without JavaScript and with a keyboard alone. A "Skip to main content" link is the first thing the Tab key reaches.
            - Text can be zoomed to 400% and the layout adapts down to a 320-pixel-wide screen.
            - Colours meet the WCAG contrast requirements, focus is always visible, and animation is switched off if you ask your device to reduce motion.
            - The "Exit this page" button stays on screen at every size and works as a normal link; with JavaScript, pressing `Shift` three times does the same.

            ## How we test

            We aim to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA. Every page in the navigation is checked automatically with the axe-core engine, at phone and desktop widths, each time the site's code changes, and the main journeys are tested with a keyboard alone. Automated checks do not find every problem, so please tell us about anything that gets in your way.
            """),
        new("take-action",
            "Take action",
            "We're asking everyone to do something, big or small, to help make a safer environment for all.",
            null,
            """
            As a member of our community, you have the power to raise awareness of sexual harassment on and off campus, and to change the way we all think about it. [Take the pledge](/pledge) as an individual, team, society or department, and commit to one of these actions.

            {{four-actions}}

            ## Report & support

            {{report-and-support}}

            Our help page also lists free, confidential support services, including ones open 24 hours a day.

            ## Talk about it

            Talk about it with your colleagues and friends: what sexual harassment is, how it affects people and why it's never okay.

            Our myth busters are a great way to get the conversation started and to challenge behaviour that encourages or enables sexual harassment. You can come to one of our events, or host your own film screening or discussion: a great way to learn about its impact and what we can all do to prevent it.

            - [Read our myth busters](/myths)
            - [See our news and upcoming events](/news)
            - [Contact us about hosting your own event](/contact)

            ## Be an active bystander

            Think about your actions and be an active bystander. Even if it's unintentional, anything that creates a humiliating or offensive environment, like a joke or "banter", can be harassment.

            Follow our tips, or ask about a workshop on how to step in safely. We want to hear your success stories, so don't forget to tell us about them.

            - [Read our bystander tips: the 5 Ds](/take-action/bystander-tips)
            - [Ask about a workshop or share your story](/contact)

            ## Frontline staff training

            We want to make sure staff and students are properly supported, by training our frontline staff. If you haven't already, arrange a support training session for your team, or sign up for an Unconscious Bias workshop. These workshops are open to all staff: they raise awareness of unconscious biases such as everyday sexism, and give practical tools to reduce them.

            {{training-contact}}
            """),
        new("take-action/bystander-tips",
            "Bystander tips: the 5 Ds",
            "When you see someone getting unwanted behaviour or attention, there is almost always something you can do. These five ways of stepping in come from Right To Be (formerly Hollaback!).",
            null,
            """
            > **Your safety comes first.** Choose the way that feels safe for you and for the person being targeted. Doing something small is better than doing nothing.

            {{five-ds}}

            ## Learn more

            The Intervention Initiative, developed at the University of the West of England in 2014, is a free, evidence-based bystander programme for universities.

            We run workshops on how to intervene safely. [Contact us to ask about a workshop, or to tell us how you stepped in](/contact).
            """,
            [
                Step("Distract", "Interrupt the situation indirectly. For example, start a conversation with the person being targeted about something unrelated, ask them the time or directions, or \"accidentally\" get in the way."),
                Step("Delegate", "Get help from someone with authority: a member of staff, security, a bar manager, a bus driver or a lecturer. You can also ask someone nearby to help you step in."),
                Step("Document", "Record what is happening, but only if someone is already helping the person being targeted. Never share a recording without their permission: it is theirs to decide what happens with it."),
                Step("Delay", "Check in with the person afterwards. Ask if they are okay, whether they need anything, and if they would like you to stay with them. You can point them to [free, confidential support services](/help)."),
                Step("Direct", "Speak up, if it is safe to do so. Keep it short and clear, such as \"That's not okay\" or \"Leave them alone\", and focus on the person being targeted rather than starting an argument."),
            ]),
        new("supporters",
            "Our supporters",
            "Leaders across the university and the students' union, and societies and teams across campus, stand behind It Stops Here.",
            null,
            "Is your society, team or department with us? [Take the pledge as a group](/pledge).",
            [
                Quote("Professor Edward Byrne AC", "President & Principal of King's College London",
                    "King's College is committed to providing a safe, inclusive and supportive environment for all of its staff and students. " +
                    "We aspire to be a community in which everybody feels acknowledged and respected for who they are, and can feel confident " +
                    "that harassment, discrimination and bullying, wherever these occur, will not be tolerated. We all undertake not to stand by " +
                    "if we see others engaging in sexual harassment and to be proactive in promoting a respectful culture. We will work together " +
                    "with the Students' Union to make this aspiration an everyday reality."),
                Quote("Nadine Almanasfi", "KCLSU President",
                    "It Stops Here is such an important student-led campaign. Sexual harassment, which is spurred on a lot of the time by toxic " +
                    "lad culture, has no place on our campuses. With a majority of our students being women, it is important that we set up " +
                    "efficient mechanisms of reporting sexual harassment but also stamp it out at its roots by educating students. Next year, " +
                    "I, along with the other student officers, am keen to help the women's association wherever necessary to make sure this " +
                    "campaign moves from strength to strength."),
                Quote("Rachel Williams", "KCLSU Vice President, Welfare and Community",
                    "During my second year at university, I was elected as Women's Officer on the KCLSU Student Council. Common themes began to " +
                    "emerge from the many experiences that were reported to me. Students feared encountering their harassers on campus and felt " +
                    "no confidence in reporting their experiences through official channels. We need to be explicit in stating that sexual " +
                    "harassment on campus is not a minor issue. As a community, we must take positive steps towards crafting a culture of respect " +
                    "and solidarity on campus. We cannot be apathetic to the experiences of those who experience harassment during their time at " +
                    "King's. We cannot be ignorant of the role we may play in allowing or perpetuating a hostile environment on campus."),
                Quote("Joe Simpson", "KCLSU Vice President, Activities and Development",
                    "University should be one of the most exhilarating and enjoyable periods of a person's life, yet for too many the experience " +
                    "is still being scarred by sexual harassment. This needs to end; as a student body it is our responsibility to ensure that " +
                    "King's is a safe space for all members of our community, and that every student feels able to partake in each and every " +
                    "aspect of campus life without fear of being victimised. That's why as sports clubs, societies, activity groups and students " +
                    "we should all join together and say IT. STOPS. HERE."),
                Supporter("Professor Edward Byrne AC", "President & Principal of King's College London"),
                Supporter("Deborah Bull", "Director, Culture at King's"),
                Supporter("Chris Shelley", "Director of Student Services"),
                Supporter("Maxine Taylor", "Director, International and UK External Relations"),
                Supporter("Professor Michael Luck", "Dean of the Faculty of Natural & Mathematical Sciences"),
                Supporter("The Revd Jane Speck", "Chaplain"),
                Supporter("KCLSU Student Officers"),
                Supporter("The It Stops Here Working Group"),
                Supporter("It Stops Here Volunteers"),
                Supporter("Human Resources"),
                Supporter("Planning & Student Analytics"),
                Society("Action Palestine"),
                Society("GKT Football"),
                Society("GKT Medical Students' Association"),
                Society("Intersectional Feminist Society"),
                Society("IOPPN Student Forum"),
                Society("KCL Tamil Society"),
                Society("King's Rugby"),
                Society("LGBT Society"),
                Society("Nursing & Midwifery Society"),
            ]),
    ];

    private static ContentListItem Step(string name, string text) => new() { List = ContentListCatalog.FiveDs, Name = name, Text = text };

    private static ContentListItem Quote(string name, string role, string text) => new() { List = ContentListCatalog.Quotes, Name = name, Role = role, Text = text };

    private static ContentListItem Supporter(string name, string? role = null) => new() { List = ContentListCatalog.Supporters, Name = name, Role = role };

    private static ContentListItem Society(string name) => new() { List = ContentListCatalog.Societies, Name = name };
}
