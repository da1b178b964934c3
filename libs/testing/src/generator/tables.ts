/**
 * Lookup tables for realistic Chinese customer inventories. Names and cities carry their pinyin so
 * that generated email addresses look like the person's own. Common entries come first (the
 * generator picks with a bias towards the front).
 */

/** [surname, pinyin], roughly by frequency; a few two-character surnames at the end. */
export const SURNAMES: ReadonlyArray<readonly [string, string]> = [
  ['王', 'wang'], ['李', 'li'], ['张', 'zhang'], ['刘', 'liu'], ['陈', 'chen'], ['杨', 'yang'], ['黄', 'huang'],
  ['赵', 'zhao'], ['吴', 'wu'], ['周', 'zhou'], ['徐', 'xu'], ['孙', 'sun'], ['马', 'ma'], ['朱', 'zhu'],
  ['胡', 'hu'], ['郭', 'guo'], ['何', 'he'], ['高', 'gao'], ['林', 'lin'], ['罗', 'luo'], ['郑', 'zheng'],
  ['梁', 'liang'], ['谢', 'xie'], ['宋', 'song'], ['唐', 'tang'], ['许', 'xu'], ['韩', 'han'], ['冯', 'feng'],
  ['邓', 'deng'], ['曹', 'cao'], ['彭', 'peng'], ['曾', 'zeng'], ['肖', 'xiao'], ['田', 'tian'], ['董', 'dong'],
  ['袁', 'yuan'], ['潘', 'pan'], ['于', 'yu'], ['蒋', 'jiang'], ['蔡', 'cai'], ['余', 'yu'], ['杜', 'du'],
  ['叶', 'ye'], ['程', 'cheng'], ['苏', 'su'], ['魏', 'wei'], ['吕', 'lv'], ['丁', 'ding'], ['任', 'ren'],
  ['沈', 'shen'], ['姚', 'yao'], ['卢', 'lu'], ['姜', 'jiang'], ['崔', 'cui'], ['钟', 'zhong'], ['谭', 'tan'],
  ['陆', 'lu'], ['汪', 'wang'], ['范', 'fan'], ['金', 'jin'], ['石', 'shi'], ['廖', 'liao'], ['贾', 'jia'],
  ['夏', 'xia'], ['韦', 'wei'], ['付', 'fu'], ['方', 'fang'], ['白', 'bai'], ['邹', 'zou'], ['孟', 'meng'],
  ['熊', 'xiong'], ['秦', 'qin'], ['邱', 'qiu'], ['江', 'jiang'], ['尹', 'yin'], ['薛', 'xue'], ['闫', 'yan'],
  ['段', 'duan'], ['雷', 'lei'], ['侯', 'hou'], ['龙', 'long'], ['史', 'shi'], ['陶', 'tao'], ['黎', 'li'],
  ['贺', 'he'], ['顾', 'gu'], ['毛', 'mao'], ['郝', 'hao'], ['龚', 'gong'], ['邵', 'shao'], ['万', 'wan'],
  ['钱', 'qian'], ['严', 'yan'], ['覃', 'qin'], ['武', 'wu'], ['戴', 'dai'], ['莫', 'mo'], ['孔', 'kong'],
  ['向', 'xiang'], ['汤', 'tang'], ['欧阳', 'ouyang'], ['司马', 'sima'], ['上官', 'shangguan'], ['诸葛', 'zhuge'],
];

/** [given-name character, pinyin]. */
export const GIVEN_CHARS: ReadonlyArray<readonly [string, string]> = [
  ['伟', 'wei'], ['芳', 'fang'], ['娜', 'na'], ['敏', 'min'], ['静', 'jing'], ['丽', 'li'], ['强', 'qiang'],
  ['磊', 'lei'], ['军', 'jun'], ['洋', 'yang'], ['勇', 'yong'], ['艳', 'yan'], ['杰', 'jie'], ['娟', 'juan'],
  ['涛', 'tao'], ['明', 'ming'], ['超', 'chao'], ['秀', 'xiu'], ['霞', 'xia'], ['平', 'ping'], ['刚', 'gang'],
  ['桂', 'gui'], ['英', 'ying'], ['华', 'hua'], ['玉', 'yu'], ['文', 'wen'], ['建', 'jian'], ['国', 'guo'],
  ['志', 'zhi'], ['海', 'hai'], ['红', 'hong'], ['梅', 'mei'], ['琳', 'lin'], ['俊', 'jun'], ['浩', 'hao'],
  ['宇', 'yu'], ['轩', 'xuan'], ['子', 'zi'], ['涵', 'han'], ['欣', 'xin'], ['怡', 'yi'], ['晨', 'chen'],
  ['博', 'bo'], ['雪', 'xue'], ['鹏', 'peng'], ['辉', 'hui'], ['婷', 'ting'], ['慧', 'hui'], ['佳', 'jia'],
  ['思', 'si'], ['嘉', 'jia'], ['诗', 'shi'], ['雨', 'yu'], ['萱', 'xuan'], ['睿', 'rui'], ['泽', 'ze'],
  ['一', 'yi'], ['若', 'ruo'], ['梓', 'zi'], ['晓', 'xiao'], ['小', 'xiao'], ['春', 'chun'], ['燕', 'yan'],
  ['宁', 'ning'], ['凯', 'kai'], ['斌', 'bin'], ['飞', 'fei'], ['鑫', 'xin'], ['波', 'bo'], ['峰', 'feng'],
  ['丹', 'dan'], ['蕾', 'lei'], ['颖', 'ying'], ['倩', 'qian'], ['婧', 'jing'], ['璐', 'lu'], ['昊', 'hao'],
  ['然', 'ran'], ['瑶', 'yao'], ['琪', 'qi'], ['航', 'hang'], ['阳', 'yang'], ['德', 'de'], ['荣', 'rong'],
];

export interface Region {
  /** The 6-digit administrative division code that opens a resident ID number. */
  code: string;
  province: string;
  city: string;
  district: string;
  /** Telephone area code with its trunk 0. */
  areaCode: string;
}

export const REGIONS: readonly Region[] = [
  { code: '110105', province: '北京市', city: '', district: '朝阳区', areaCode: '010' },
  { code: '110108', province: '北京市', city: '', district: '海淀区', areaCode: '010' },
  { code: '310104', province: '上海市', city: '', district: '徐汇区', areaCode: '021' },
  { code: '310115', province: '上海市', city: '', district: '浦东新区', areaCode: '021' },
  { code: '440106', province: '广东省', city: '广州市', district: '天河区', areaCode: '020' },
  { code: '440305', province: '广东省', city: '深圳市', district: '南山区', areaCode: '0755' },
  { code: '330106', province: '浙江省', city: '杭州市', district: '西湖区', areaCode: '0571' },
  { code: '320102', province: '江苏省', city: '南京市', district: '玄武区', areaCode: '025' },
  { code: '510107', province: '四川省', city: '成都市', district: '武侯区', areaCode: '028' },
  { code: '420106', province: '湖北省', city: '武汉市', district: '武昌区', areaCode: '027' },
  { code: '610113', province: '陕西省', city: '西安市', district: '雁塔区', areaCode: '029' },
  { code: '370202', province: '山东省', city: '青岛市', district: '市南区', areaCode: '0532' },
  { code: '500103', province: '重庆市', city: '', district: '渝中区', areaCode: '023' },
  { code: '120101', province: '天津市', city: '', district: '和平区', areaCode: '022' },
  { code: '350203', province: '福建省', city: '厦门市', district: '思明区', areaCode: '0592' },
  { code: '430104', province: '湖南省', city: '长沙市', district: '岳麓区', areaCode: '0731' },
  { code: '410105', province: '河南省', city: '郑州市', district: '金水区', areaCode: '0371' },
  { code: '210102', province: '辽宁省', city: '沈阳市', district: '和平区', areaCode: '024' },
  { code: '530102', province: '云南省', city: '昆明市', district: '五华区', areaCode: '0871' },
  { code: '450103', province: '广西壮族自治区', city: '南宁市', district: '青秀区', areaCode: '0771' },
];

export const ROADS: readonly string[] = [
  '人民路', '中山路', '解放路', '建设路', '和平路', '新华路', '长江路', '学府路', '建国路', '科技园路',
  '滨江大道', '南京路', '淮海中路', '文化路', '胜利街', '朝阳北路', '东风路', '青年路', '迎宾大道', '幸福街',
];

export const COMMUNITIES: readonly string[] = ['阳光花园', '幸福小区', '金色家园', '翠湖苑', '万科城', '碧桂园', '绿地世纪城', '锦绣江南'];

export const BUILDINGS: readonly string[] = ['腾飞大厦', '国贸中心', '世纪广场', '环球金融中心', '华润大厦', '创新园'];

/** Mainland mobile prefixes in use (China Mobile, Unicom, Telecom, virtual operators). */
export const MOBILE_PREFIXES: readonly string[] = [
  '138', '139', '137', '136', '135', '134', '150', '151', '152', '157', '158', '159', '182', '183', '187', '188',
  '130', '131', '132', '155', '156', '185', '186', '166', '133', '153', '180', '181', '189', '199', '177', '173',
  '147', '145', '170', '171', '175', '176', '178', '184', '191', '193', '195', '196', '198',
];

export const FREE_MAIL_DOMAINS: readonly string[] = [
  '163.com', '126.com', 'sina.com', 'foxmail.com', 'sohu.com', 'gmail.com', 'outlook.com', 'hotmail.com',
  'yeah.net', '139.com', 'aliyun.com',
];

/** [bank identification number, card length]. */
export const CARD_BINS: ReadonlyArray<readonly [string, number]> = [
  ['622202', 19], ['621700', 19], ['622848', 19], ['621661', 19], ['622588', 16], ['622155', 16],
  ['436742', 16], ['622700', 19], ['621483', 16], ['623668', 19],
];

export const PRODUCTS: readonly string[] = [
  '足金手镯', '黄金项链', '铂金戒指', '翡翠吊坠', '珍珠耳环', '银饰套装', '钻石对戒', '会员储值卡', '机械手表',
  '首饰清洗保养', '以旧换新', '定制首饰', '金条', '儿童长命锁', '转运珠手链', 'K金耳钉',
];

/** [word, pinyin] for company names. */
export const COMPANY_WORDS: ReadonlyArray<readonly [string, string]> = [
  ['华信', 'huaxin'], ['恒达', 'hengda'], ['鑫源', 'xinyuan'], ['瑞丰', 'ruifeng'], ['宏图', 'hongtu'],
  ['金诚', 'jincheng'], ['永安', 'yongan'], ['盛世', 'shengshi'], ['东方', 'dongfang'], ['天成', 'tiancheng'],
  ['中联', 'zhonglian'], ['博远', 'boyuan'], ['新锐', 'xinrui'], ['汇通', 'huitong'], ['启明', 'qiming'],
];

export const INDUSTRIES: readonly string[] = ['贸易', '科技', '珠宝', '餐饮管理', '电子商务', '文化传媒', '建筑工程', '物流', '信息技术', '商贸'];

export const COMPANY_SUFFIXES: readonly string[] = ['有限公司', '有限责任公司', '股份有限公司'];

/** Notes as clerks type them; some need quoting (ASCII comma, double quote). */
export const NOTES: readonly string[] = [
  'VIP客户', '老客户，多次复购', '要求仅短信联系', '已办理会员', '地址待核实', '喜欢"足金"款式',
  '生日当月有折扣, 需提醒', '介绍人：门店导购', '曾投诉，已处理', '偏好周末到店',
];
