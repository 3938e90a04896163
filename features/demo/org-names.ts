import type { DomainCode } from '@/domain/reference/domains';

// A fictional academy: believable names, none of them a real institute, so demo ratings accuse nobody.
export const academy = { code: 'HX', name: '华夏科学院', nameEn: 'Huaxia Academy of Sciences' };

export const branches = [
  { code: 'BJ', city: '北京', cityEn: 'Beijing' },
  { code: 'SH', city: '上海', cityEn: 'Shanghai' },
  { code: 'SY', city: '沈阳', cityEn: 'Shenyang' },
  { code: 'CC', city: '长春', cityEn: 'Changchun' },
  { code: 'NJ', city: '南京', cityEn: 'Nanjing' },
  { code: 'WH', city: '武汉', cityEn: 'Wuhan' },
  { code: 'GZ', city: '广州', cityEn: 'Guangzhou' },
  { code: 'CD', city: '成都', cityEn: 'Chengdu' },
  { code: 'KM', city: '昆明', cityEn: 'Kunming' },
  { code: 'XA', city: '西安', cityEn: "Xi'an" },
  { code: 'LZ', city: '兰州', cityEn: 'Lanzhou' },
  { code: 'XJ', city: '新疆', cityEn: 'Xinjiang' },
] as const;

export const disciplines: readonly { zh: string; en: string; domains: readonly DomainCode[] }[] = [
  { zh: '智能计算', en: 'Intelligent Computing', domains: ['ai', 'service_robots'] },
  { zh: '自动化', en: 'Automation', domains: ['ai', 'autonomous_driving', 'drones'] },
  { zh: '基因组学', en: 'Genomics', domains: ['gene_editing', 'cell_gene'] },
  { zh: '合成生物学', en: 'Synthetic Biology', domains: ['synthetic_biology', 'gene_editing'] },
  { zh: '脑科学与智能技术', en: 'Brain Science and Intelligence Technology', domains: ['brain_science', 'ai'] },
  { zh: '生物医学工程', en: 'Biomedical Engineering', domains: ['medical_diagnosis', 'brain_science'] },
  { zh: '微生物', en: 'Microbiology', domains: ['synthetic_biology', 'lab_animals'] },
  { zh: '动物', en: 'Zoology', domains: ['lab_animals', 'gene_editing'] },
  { zh: '干细胞与再生医学', en: 'Stem Cell and Regenerative Medicine', domains: ['cell_gene', 'lab_animals'] },
  { zh: '无人系统', en: 'Unmanned Systems', domains: ['drones', 'autonomous_driving'] },
  { zh: '机器人', en: 'Robotics', domains: ['service_robots', 'ai'] },
  { zh: '智能感知', en: 'Intelligent Sensing', domains: ['autonomous_driving', 'ai'] },
  { zh: '药物', en: 'Materia Medica', domains: ['medical_diagnosis', 'lab_animals'] },
  { zh: '信息工程', en: 'Information Engineering', domains: ['ai', 'other'] },
  { zh: '精密测量', en: 'Precision Measurement', domains: ['other', 'drones'] },
  { zh: '先进制造', en: 'Advanced Manufacturing', domains: ['service_robots', 'other'] },
  { zh: '遗传与发育', en: 'Genetics and Developmental Biology', domains: ['gene_editing', 'lab_animals'] },
  { zh: '医学影像', en: 'Medical Imaging', domains: ['medical_diagnosis', 'ai'] },
  { zh: '空天信息', en: 'Aerospace Information', domains: ['drones', 'ai'] },
  { zh: '数据科学', en: 'Data Science', domains: ['ai', 'other'] },
];

export const departmentNames = [
  { zh: '基础研究室', en: 'Basic Research Laboratory' },
  { zh: '应用研究室', en: 'Applied Research Laboratory' },
  { zh: '工程技术中心', en: 'Engineering Centre' },
] as const;

export const projectTopics: Record<DomainCode, readonly string[]> = {
  ai: ['大模型安全对齐研究', '多模态推荐算法', '科学计算智能体', '自动驾驶感知大模型'],
  gene_editing: ['作物基因编辑育种', 'CRISPR 递送系统优化', '碱基编辑脱靶评估'],
  medical_diagnosis: ['医学影像辅助诊断系统', '病理切片智能分析', '可穿戴心电监测'],
  autonomous_driving: ['城市道路自动驾驶测试', '车路协同决策系统', '低速无人配送车'],
  drones: ['无人机集群协同控制', '高原无人机物流', '无人机遥感监测'],
  service_robots: ['养老陪护机器人', '医院物流机器人', '家庭服务机器人交互'],
  synthetic_biology: ['微生物细胞工厂构建', '人工合成酵母染色体', '合成生物传感器'],
  brain_science: ['侵入式脑机接口临床前研究', '类脑芯片架构', '灵长类认知神经环路'],
  cell_gene: ['CAR-T 细胞治疗', '干细胞来源类器官', '基因治疗载体'],
  lab_animals: ['基因修饰小鼠模型', '非人灵长类疾病模型', '实验动物福利评估'],
  other: ['精密仪器国产化', '新型功能材料', '科学数据平台'],
};

// What goes wrong, by domain, so a demo incident or hazard reads true to the domain it is filed under.
export const incidentSummaries: Record<DomainCode, readonly string[]> = {
  ai: ['训练数据疑似含未授权个人信息', '模型生成内容引发舆情', '算法模型参数外泄'],
  gene_editing: ['基因编辑实验未按批准方案实施', '基因编辑材料管理台账缺失', '实验样本疑似外流'],
  medical_diagnosis: ['诊断系统误诊事件被媒体报道', '患者影像数据越权访问', '临床试验知情同意不规范'],
  autonomous_driving: ['测试车辆道路测试发生碰撞', '测试路段安全员离岗', '感知数据未脱敏外传'],
  drones: ['无人机试飞坠毁', '无人机超出批准空域飞行', '无人机电池起火'],
  service_robots: ['服务机器人碰撞致人受伤', '机器人采集家庭影像未经同意', '机器人控制系统被入侵'],
  synthetic_biology: ['工程菌株泄漏风险事件', '合成生物元件未备案使用', '生物安全柜失效'],
  brain_science: ['脑机接口试验受试者不良反应', '神经数据存储不合规', '伦理审查程序缺失被举报'],
  cell_gene: ['细胞治疗产品污染', '干细胞来源材料追溯缺失', '临床前研究数据造假举报'],
  lab_animals: ['动物实验违规操作', '实验动物逃逸', '动物福利投诉'],
  other: ['实验室火情，已扑灭', '设备故障导致人员受伤', '危险化学品泄漏'],
};

export const hazardDescriptions: Record<DomainCode, readonly string[]> = {
  ai: ['算法模型训练数据来源未审核', '模型发布前未开展安全评估', '算力平台账号管理不严'],
  gene_editing: ['基因编辑载体存放不规范', '脱靶评估记录不完整', '实验室准入管理不到位'],
  medical_diagnosis: ['医疗数据未分级分类', '诊断模型未经临床验证即试用', '患者数据备份缺失'],
  autonomous_driving: ['测试车辆安全员培训记录缺失', '道路测试许可即将过期', '车载数据未加密存储'],
  drones: ['无人机试飞未履行空域审批', '电池存放区无消防设施', '飞控软件版本未受控'],
  service_robots: ['机器人急停功能未定期测试', '用户隐私告知缺失', '远程运维端口未关闭'],
  synthetic_biology: ['菌种保藏台账不全', '生物安全柜年检过期', '废弃物灭菌记录缺失'],
  brain_science: ['受试者知情同意书版本过期', '神经数据未脱敏', '植入设备追溯记录不全'],
  cell_gene: ['细胞制备间洁净度不达标', '供者信息管理不规范', '冷链温度记录缺失'],
  lab_animals: ['实验动物福利记录缺失', '动物房通风设备故障', '动物尸体处理不规范'],
  other: ['危险化学品存放不规范', '实验数据未按规定备份', '涉密资料管理台账缺失'],
};
