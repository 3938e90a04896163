import type { DomainCode } from '@/lib/reference/domains';

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
