// The sensitive domains of DOMAIN.md §3, loaded into the `domains` table on start. Codes are the API's.
export const defaultDomains = [
  { code: 'ai', nameZh: '人工智能', nameEn: 'Artificial intelligence', sortOrder: 10 },
  { code: 'gene_editing', nameZh: '基因编辑', nameEn: 'Gene editing', sortOrder: 20 },
  { code: 'medical_diagnosis', nameZh: '医疗诊断', nameEn: 'Medical diagnosis', sortOrder: 30 },
  { code: 'autonomous_driving', nameZh: '自动驾驶', nameEn: 'Autonomous driving', sortOrder: 40 },
  { code: 'drones', nameZh: '无人机', nameEn: 'Drones', sortOrder: 50 },
  { code: 'service_robots', nameZh: '服务机器人', nameEn: 'Service robots', sortOrder: 60 },
  { code: 'synthetic_biology', nameZh: '合成生物', nameEn: 'Synthetic biology', sortOrder: 70 },
  { code: 'brain_science', nameZh: '脑科学与类脑', nameEn: 'Brain science', sortOrder: 80 },
  { code: 'cell_gene', nameZh: '细胞与基因', nameEn: 'Cell and gene therapy', sortOrder: 90 },
  { code: 'lab_animals', nameZh: '实验动物', nameEn: 'Laboratory animals', sortOrder: 100 },
  { code: 'other', nameZh: '其他', nameEn: 'Other', sortOrder: 999 },
] as const;

export type DomainCode = (typeof defaultDomains)[number]['code'];
