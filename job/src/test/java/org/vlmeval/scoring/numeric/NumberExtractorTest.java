package org.vlmeval.scoring.numeric;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class NumberExtractorTest {

    private static final String FRUIT_Q = "How many kinds of fruit are in the basket?";
    private static final String KCAL_Q = "How many calories are in 5 pieces?";

    static Stream<Arguments> answers() {
        return Stream.of(
                // numbers in parentheses are asides when another number stands outside them
                arguments("每份（1块）含钠15毫克。", "每份含钠多少毫克？", 15.0, "15"),
                arguments("Each serving (1 piece) has 15 mg of sodium.", "", 15.0, "15"),
                arguments("The answer is (7).", "", 7.0, "7"),
                // bare answers
                arguments("7", "", 7.0, "7"),
                arguments("seven", "", 7.0, "seven"),
                arguments("Seven.", "", 7.0, "Seven"),
                arguments("七", "", 7.0, "七"),
                arguments("７", "", 7.0, "７"),
                arguments("１２３", "", 123.0, "１２３"),
                arguments("7.", FRUIT_Q, 7.0, "7"),
                arguments("One.", "", 1.0, "One"),
                arguments("零", "", 0.0, "零"),
                arguments("zero", "", 0.0, "zero"),
                // a conclusion word without a verb after it
                arguments(
                        "There are two red ones and three green ones, so five apples in total.",
                        "How many apples?",
                        5.0,
                        "five"),
                // sentences
                arguments(
                        "There are seven different kinds of fruit in the basket.",
                        FRUIT_Q,
                        7.0,
                        "seven"),
                arguments("图中共有7种水果。", "图中有几种水果？", 7.0, "7"),
                arguments("篮子里有七种水果：苹果、香蕉、橙子、葡萄、柠檬、梨和草莓。", "篮子里有几种水果？", 7.0, "七"),
                arguments(
                        "Each piece contains 20 kcal. So 5 pieces contain 5 × 20 = 100 kcal.",
                        KCAL_Q,
                        100.0,
                        "100"),
                arguments(
                        "Each piece has 20 kcal, so 5 pieces have 100 kcal.", KCAL_Q, 100.0, "100"),
                arguments("5 × 20 = 100 kcal", KCAL_Q, 100.0, "100"),
                arguments("Therefore, the total is 100 kcal for 5 pieces.", KCAL_Q, 100.0, "100"),
                arguments("每块20千卡。所以5块一共是100千卡。", "5块有多少千卡？", 100.0, "100"),
                arguments("每块有二十千卡，5块总共一百千卡。", "5块有多少千卡？", 100.0, "一百"),
                // number forms
                arguments("The total is 1,234.5 dollars.", "", 1234.5, "1,234.5"),
                arguments("It costs $1,200.", "", 1200.0, "1,200"),
                arguments("It costs ¥50.", "", 50.0, "50"),
                arguments("价格是50元。", "", 50.0, "50"),
                arguments("It weighs 3.5kg.", "", 3.5, "3.5"),
                arguments("About 20 kcal.", "", 20.0, "20"),
                arguments("That is 100kcal.", "", 100.0, "100"),
                arguments("It costs USD 30.", "", 30.0, "30"),
                arguments("Population: 1\u202F234 people", "", 1234.0, "1\u202F234"),
                arguments("The temperature is -3 degrees.", "", -3.0, "-3"),
                arguments("The temperature is −3 degrees.", "", -3.0, "−3"),
                arguments("About 20% of the fruit is red.", "", 20.0, "20%"),
                arguments("百分之二十的水果是红色的。", "", 20.0, "百分之二十"),
                arguments("大约有3万人。", "", 30000.0, "3万"),
                arguments("大约有1.5万人。", "", 15000.0, "1.5万"),
                arguments("About 1.5 million people.", "", 1500000.0, "1.5 million"),
                arguments("There are twenty-three birds.", "", 23.0, "twenty-three"),
                arguments("There are twenty three birds.", "", 23.0, "twenty three"),
                arguments("There are a hundred birds.", "", 100.0, "a hundred"),
                arguments(
                        "There are one hundred and five birds.", "", 105.0, "one hundred and five"),
                arguments("There are two thousand birds.", "", 2000.0, "two thousand"),
                arguments("There are a dozen eggs.", "", 12.0, "a dozen"),
                arguments("I see three million stars.", "", 3000000.0, "three million"),
                arguments("共十五个。", "", 15.0, "十五"),
                arguments("有二十一只鸟。", "", 21.0, "二十一"),
                arguments("有一百只鸟。", "", 100.0, "一百"),
                arguments("有一百零五只鸟。", "", 105.0, "一百零五"),
                arguments("有两千三百只鸟。", "", 2300.0, "两千三百"),
                arguments("有三万五千只鸟。", "", 35000.0, "三万五千"),
                arguments("长度是三点五米。", "", 3.5, "三点五"),
                arguments("七种水果", "", 7.0, "七"),
                arguments("5块", "", 5.0, "5"),
                arguments("共7个", "", 7.0, "7"),
                arguments("Half of it: 3/4? No, there are 2.", "", 2.0, "2"),
                // traps
                arguments("I like the red one; there are 4 apples.", "", 4.0, "4"),
                arguments("Which one is bigger? This one, with 3 seeds.", "", 3.0, "3"),
                arguments("No one can tell, but I count 8.", "", 8.0, "8"),
                arguments("第一排有三个苹果。", "", 3.0, "三"),
                arguments("一些苹果，一共五个。", "", 5.0, "五"),
                arguments("它们一样大，有一点红，一起放着，共六个。", "", 6.0, "六"),
                arguments("这是唯一的答案：统一有四个。", "", 4.0, "四"),
                arguments("The 1st basket has 4 apples.", "", 4.0, "4"),
                arguments("I see 3 apples in 2023.", "", 3.0, "3"),
                arguments("At 10:30 there were 3 birds.", "", 3.0, "3"),
                arguments("The photo was taken on 2023-10-05 and shows 4 dogs.", "", 4.0, "4"),
                arguments("2023年10月5日拍摄，图中有4只狗。", "", 4.0, "4"),
                arguments("Step 1: count. Step 2: there are 9 cats.", "", 9.0, "9"),
                arguments(
                        "There are 7 kinds of fruit: 1. apples 2. bananas 3. oranges 4. grapes"
                                + " 5. lemons 6. pears 7. strawberries",
                        FRUIT_Q,
                        7.0,
                        "7"),
                arguments(
                        "There are 7 kinds of fruit:\n1. apples\n2. bananas\n3. oranges",
                        FRUIT_Q,
                        7.0,
                        "7"),
                arguments("I count 6 fruits.", FRUIT_Q, 6.0, "6"),
                arguments(
                        "I count 6 fruits. There is an apple, two bananas and three oranges.",
                        FRUIT_Q,
                        6.0,
                        "6"),
                arguments(
                        "The image shows 5 pieces with 20 kcal each, 100 kcal.",
                        KCAL_Q,
                        100.0,
                        "100"),
                arguments("The answer is 5.", KCAL_Q, 5.0, "5"),
                arguments("There are 5.", "Are there 5 apples? How many?", 5.0, "5"),
                arguments("篮子里有（1）苹果（2）香蕉，共两种。", "", 2.0, "两"),
                arguments("水果有：\n一、苹果\n二、香蕉\n三、橙子\n共三种。", "", 3.0, "三"),
                // explicit markers
                arguments("Let me count: 3 apples and 4 pears. The answer is 7.", "", 7.0, "7"),
                arguments("So there are 3 apples. Answer: 7", "", 7.0, "7"),
                arguments("**Answer:** 7", "", 7.0, "7"),
                arguments("Final answer: 12 (three rows of four).", "", 12.0, "12"),
                arguments("The final answer is \\boxed{42}.", "", 42.0, "42"),
                arguments("我数了数，有3个苹果和4个梨。答案是7。", "", 7.0, "7"),
                arguments("答案：七", "", 7.0, "七"),
                arguments("答：共有8只鸟。", "", 8.0, "8"),
                arguments("Answer:\n\n9", "", 9.0, "9"),
                // bold
                arguments(
                        "Looking at the basket, I can see **7** kinds of fruit, 2 of them red.",
                        FRUIT_Q,
                        7.0,
                        "7"),
                // reasoning chains and conclusions
                arguments(
                        "There are 3 rows. Each row has 4 cookies. 3 times 4 is 12.",
                        "",
                        12.0,
                        "12"),
                arguments("There are 3 apples and 4 pears. Altogether 7 fruits.", "", 7.0, "7"),
                arguments("3 apples plus 4 pears makes 7 fruits in total.", "", 7.0, "7"),
                arguments("苹果3个，梨4个，合计7个。", "", 7.0, "7"),
                arguments("苹果3个，梨4个，因此总数为7。", "", 7.0, "7"),
                arguments("There are 7 fruits in total.", "", 7.0, "7"),
                arguments("There are so many apples, I count 7.", "", 7.0, "7"),
                arguments("There are 7 fruits in total, 3 apples and 4 pears.", "", 7.0, "7"),
                arguments("In total, there are 7 fruits: 3 apples and 4 pears.", "", 7.0, "7"),
                arguments("That makes 12.", "", 12.0, "12"),
                arguments("一共有三分之一是红的。", "", 1.0 / 3, "三分之一"),
                arguments("The first one has 3 seeds, the second one has 4.", "", 4.0, "4"),
                arguments("3 apples, 4 pears.\n\n**Total: 7**", "", 7.0, "7"),
                arguments(
                        "There are 3 apples and 4 pears in the picture. They make 7 fruits.",
                        "",
                        7.0,
                        "7"),
                arguments(
                        "The bus has 12 seats, so far 3 are taken, and 9 are free.", "", 9.0, "9"),
                // an answer, then its breakdown (no question to help)
                arguments("I count 9 birds: 4 on the wire and 5 in the tree.", "", 9.0, "9"),
                arguments("There are eight mugs (five white, three blue).", "", 8.0, "eight"),
                arguments("The shelf holds 10 books, 6 novels and 4 atlases.", "", 10.0, "10"),
                arguments("There are 15 tiles, 3 rows of 5.", "", 15.0, "15"),
                arguments("The meal cost $40 including a $6 tip.", "", 40.0, "40"),
                arguments("Seven kids are on the field, four of whom wear red.", "", 7.0, "Seven"),
                arguments("Four dogs are lying down and 3 more are running.", "", 4.0, "Four"),
                arguments("架子上有九本书，其中三本是字典。", "", 9.0, "九"),
                arguments("车库里有6辆自行车，分别是4辆黑的和2辆银的。", "", 6.0, "6"),
                arguments("草地上有两匹马，一匹是白马，另一匹是棕马。", "", 2.0, "两"),
                arguments("池塘里有5只鸭子，3只白的、2只灰的。", "", 5.0, "5"),
                arguments("There are two lamps, one is on and the other is off.", "", 2.0, "two"),
                arguments("盒子里有6个球，4个是红的，其余2个是蓝的。", "", 6.0, "6"),
                arguments("盒子里有6个球，4个红的，剩下的2个是蓝的。", "", 6.0, "6"),
                // a part larger than the first number is no breakdown
                arguments("4 boxes: 60 pencils.", "", 60.0, "60"),
                // the clause naming what the question asks about
                arguments(
                        "Green takes up 50% of the bar, yellow 30% and purple 20%.",
                        "What share of the bar is yellow?", 30.0, "30%"),
                arguments(
                        "There are 11 chairs in the room, and 4 of them are occupied.",
                        "How many chairs are occupied?",
                        4.0,
                        "4"),
                arguments(
                        "The vase holds 12 flowers, 7 roses and 5 tulips.",
                        "How many flowers are in the vase?",
                        12.0,
                        "12"),
                arguments("苹果占20%，香蕉占45%，橙子占35%。", "香蕉占多少？", 45.0, "45%"),
                arguments("门口停着3辆车，旁边还站着5个人。", "门口停着几辆车？", 3.0, "3"),
                // conclusions still beat an answer stated first
                arguments("A box holds 6 eggs, so 4 boxes hold 24 eggs.", "", 24.0, "24"),
                arguments("A box holds 6 eggs: 4 × 6 = 24.", "", 24.0, "24"),
                arguments("There were 10 cookies and 4 were eaten, leaving 6.", "", 6.0, "6"),
                arguments("盘子里原来有10块饼干，吃掉了4块，还剩6块。", "", 6.0, "6"),
                // negative numbers
                arguments("The reading is minus 7 degrees.", "", -7.0, "minus 7"),
                arguments("It shows negative twelve.", "", -12.0, "negative twelve"),
                arguments("The water is at minus 2.5 °C.", "", -2.5, "minus 2.5"),
                arguments("气温为负8度。", "", -8.0, "负8"),
                arguments("室外零下十二度。", "", -12.0, "零下十二"),
                arguments("现在是零下 3 度。", "", -3.0, "零下 3"),
                arguments("水温是-2℃。", "", -2.0, "-2"),
                arguments("读数为−4。", "", -4.0, "−4"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("answers")
    void extractsTheAnswer(String response, String question, double value, String surface) {
        Optional<ExtractedNumber> got = NumberExtractor.extractAnswer(response, question);
        assertThat(got).as(response).isPresent();
        assertThat(got.get().value()).as(got.get().toString()).isEqualTo(value);
        assertThat(got.get().surface()).as(got.get().toString()).isEqualTo(surface);
        assertThat(got.get().rule()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "I cannot count them.",
                "There are several.",
                "There are a few, maybe a couple of apples.",
                "I like the red one.",
                "Which one do you mean?",
                "一些水果放在一起。",
                "第一个是苹果。",
                "五颜六色的水果，十分好看。",
                "There are 6 or 7 apples.",
                "There are 6-7 apples.",
                "I see six or seven apples.",
                "大约有六七个苹果。",
                "有十多个苹果。",
                "有10多个苹果。",
                "大概6到7个。",
                "Answer: 6-7",
                "So there are 6 or 7 of them.",
                "The picture was taken at 10:30 on 2023-10-05.",
                "三明治和零食。",
            })
    void findsNoAnswer(String response) {
        assertThat(NumberExtractor.extractAnswer(response, "How many apples?")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "In what year was the bridge opened?|It was opened in 1932.|1932",
                "Which year is shown on the sign?|The sign shows the year 1889.|1889",
                "In what year was the building completed?|Construction began in 1929 and the"
                        + " building was completed in 1931.|1931",
                "这座桥是哪一年建成的？|这座桥于1957年建成。|1957",
                "照片上的年份是多少？|照片上写着2019年。|2019",
            })
    void aQuestionThatAsksForAYearReadsYears(String question, String response, double year) {
        assertThat(NumberExtractor.extractAnswer(response, question))
                .map(ExtractedNumber::value)
                .contains(year);
    }

    @Test
    void yearsAreNotCountsWhenTheQuestionAsksForACount() {
        // The counterpart: a year in a count answer is still a date, not the count.
        assertThat(
                        NumberExtractor.extractAnswer(
                                "In 2019 there were 12 boats in the harbour.",
                                "How many boats are there?"))
                .map(ExtractedNumber::value)
                .contains(12.0);
    }

    @Test
    void questionNumbersAreWeak() {
        assertThat(NumberExtractor.extractAnswer("5 pieces contain 100 kcal", KCAL_Q))
                .map(ExtractedNumber::value)
                .contains(100.0);
        assertThat(NumberExtractor.extractAnswer("5 pieces: 100 kcal", ""))
                .map(ExtractedNumber::rule)
                .contains("last number");
    }

    @Test
    void explainsItsRule() {
        assertThat(NumberExtractor.extractAnswer("The answer is 7.", "").get().rule())
                .isEqualTo("after 'answer is'");
        assertThat(
                        NumberExtractor.extractAnswer(
                                        "Each piece has 20 kcal, so 5 pieces have 100 kcal.", "")
                                .get()
                                .rule())
                .isEqualTo("conclusion 'so', after 'have'");
        assertThat(NumberExtractor.extractAnswer("So 5 × 20 = 100.", "").get().rule())
                .isEqualTo("conclusion 'so', after '='");
        assertThat(NumberExtractor.extractAnswer("I count 6 fruits.", "").get().rule())
                .isEqualTo("only number");
    }

    @Test
    void nullQuestionIsFine() {
        assertThat(NumberExtractor.extractAnswer("7", null)).isPresent();
        assertThat(NumberExtractor.extractAnswer(null, null)).isEmpty();
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(
            delimiter = '|',
            value = {
                "I can see nine birds altogether: four on the wire and five on the roof.|9",
                "There were 14 books in total: 6 on the top shelf, 5 in the middle and 3 below.|14",
                "我看到15个杯子一共：桌上8个，架子上7个。|15",
            })
    void theTotalBeforeItsBreakdownWins(String response, double value) {
        Optional<ExtractedNumber> got = NumberExtractor.extractAnswer(response, "How many?");
        assertThat(got).as(response).isPresent();
        assertThat(got.get().value()).as(got.get().toString()).isEqualTo(value);
        assertThat(got.get().rule()).contains("before its breakdown");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "There are between 40 and 45 sheep in the field.",
                "I would estimate between eight and ten people.",
                "大约在40和45只之间。",
            })
    void betweenTwoNumbersIsARange(String response) {
        assertThat(NumberExtractor.extractAnswer(response, "How many?")).as(response).isEmpty();
    }

    @Test
    void andBetweenNumbersWithoutBetweenIsNotARange() {
        assertThat(
                        NumberExtractor.extractAnswer("3 cats and 4 dogs, so 7 animals.", "")
                                .get()
                                .value())
                .isEqualTo(7.0);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "None of the boats in the harbour have sails up.",
                "There are no dogs in the park.",
                "I see nothing on the shelf.",
                "桌子上没有杯子。",
                "停车场里一辆也没有。"
            })
    void statedAbsenceReadsZero(String response) {
        Optional<ExtractedNumber> got = NumberExtractor.extractAnswer(response, "How many?");
        assertThat(got).as(response).isPresent();
        assertThat(got.get().value()).isEqualTo(0.0);
        assertThat(got.get().rule()).isEqualTo("absence");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"I have no way to tell from this image.", "我无法判断。", "I can't count them."})
    void noAbsenceWithoutAStatementOfNone(String response) {
        assertThat(NumberExtractor.extractAnswer(response, "How many?")).as(response).isEmpty();
    }

    static Stream<Arguments> restatedTargets() {
        return Stream.of(
                arguments(
                        "How much does each of the 4 roommates pay?",
                        "Each roommate pays $350. Rent is $1,200 and utilities $200, $1,400 in"
                                + " total.",
                        350.0),
                arguments("四个人平分，每人出多少钱？", "每人出45元。门票共计150元，停车30元，总计180元。", 45.0),
                arguments("北京和上海的气温相差多少度？", "北京十二度，上海二十度，两地温差是八度。", 8.0),
                arguments(
                        "What's the maximum number of guests the cabin takes?",
                        "Each room sleeps 2 and there are 3 rooms, so 2 × 3 = 6 beds, and with"
                                + " the sofa bed a maximum of 8 guests.",
                        8.0),
                // a chain ending with the answer, no restated target in the question
                arguments(
                        "How many calories are in 5 pieces?",
                        "Each piece has 20 kcal, so 5 pieces have 100 kcal.",
                        100.0));
    }

    @ParameterizedTest
    @MethodSource("restatedTargets")
    void theNumberRestatingTheQuestionsTargetWins(String question, String response, double value) {
        Optional<ExtractedNumber> got = NumberExtractor.extractAnswer(response, question);
        assertThat(got).as(response).isPresent();
        assertThat(got.get().value()).as(got.get().toString()).isEqualTo(value);
    }

    static Stream<Arguments> askedUnits() {
        return Stream.of(
                arguments(
                        "What's the low tonight in Celsius?",
                        "The forecast says a low of 50°F, roughly 10°C.",
                        10.0),
                arguments(
                        "How far is the lake in miles?",
                        "The sign says 16 km, which is about 10 miles.",
                        10.0),
                arguments("这件衣服多少美元？", "标价是七百元人民币，大约一百美元。", 100.0));
    }

    @ParameterizedTest
    @MethodSource("askedUnits")
    void theNumberInTheAskedUnitWins(String question, String response, double value) {
        Optional<ExtractedNumber> got = NumberExtractor.extractAnswer(response, question);
        assertThat(got).as(response).isPresent();
        assertThat(got.get().value()).as(got.get().toString()).isEqualTo(value);
    }
}
