package org.lastmile.platform;

import java.util.random.RandomGenerator;

/**
 * Plausible Chinese personal names for demo and benchmark data: surnames drawn by their real
 * frequency (the 2020 census top 30 cover about 70% of people), given names of one or two
 * characters from common name characters. Deterministic for a given random source.
 */
public final class ChineseNames {

    // Surname and its share in per mille of the population (rounded, 2020 census).
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
            "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "高", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "邓",
            "冯", "曹", "彭", "曾", "肖", "田", "董", "潘", "袁", "蔡", "蒋", "余", "于", "杜", "叶", "程", "魏", "苏",
            "吕", "丁", "任", "卢", "欧阳", "司马"};
    private static final int[] PER_MILLE = {74, 72, 70, 54, 47, 32, 25, 21, 20, 18, 17, 16, 13, 13, 12, 11, 11, 11,
            10, 10, 9, 9, 9, 8, 8, 8, 8, 7, 7, 7, 7, 6, 6, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 4, 4, 4, 4, 4, 1, 1};
    private static final int TOTAL;
    private static final String GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国文玉梅红志林海"
            + "燕春辉波斌宇浩凯鹏飞鑫晨欣怡佳琪子涵宁婷雪玲荣新军德福贵安康泉山水云峰";

    static {
        int total = 0;
        for (int share : PER_MILLE) {
            total += share;
        }
        TOTAL = total;
    }

    private ChineseNames() {
    }

    public static String surname(RandomGenerator random) {
        int pick = random.nextInt(TOTAL);
        for (int i = 0; i < SURNAMES.length; i++) {
            pick -= PER_MILLE[i];
            if (pick < 0) {
                return SURNAMES[i];
            }
        }
        return SURNAMES[0];
    }

    public static String fullName(RandomGenerator random) {
        StringBuilder name = new StringBuilder(surname(random));
        int length = random.nextInt(10) < 3 ? 1 : 2;
        for (int i = 0; i < length; i++) {
            name.append(GIVEN.charAt(random.nextInt(GIVEN.length())));
        }
        return name.toString();
    }
}
