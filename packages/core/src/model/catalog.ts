import type { MetricDefinition, RatioDefinition } from './types.js';

const activity = (id: string, vi: string, en: string, unit: string, task?: MetricDefinition['task']): MetricDefinition =>
  task === undefined
    ? { id, label: { vi, en }, unit, kind: 'activity', overTime: 'sum', upHierarchy: 'sum' }
    : { id, label: { vi, en }, unit, kind: 'activity', overTime: 'sum', upHierarchy: 'sum', task };

const area = (id: string, vi: string, en: string, unit: string): MetricDefinition => ({
  id,
  label: { vi, en },
  unit,
  kind: 'area',
  overTime: 'last',
  upHierarchy: 'sum',
});

/**
 * The built-in metric catalog: activity metrics seen in the sources (sum over months and up the
 * hierarchy) and area indicators (latest value in the period; summed up the hierarchy).
 * Datasets and plugins may declare more.
 */
export const BUILTIN_METRICS: readonly MetricDefinition[] = [
  // activity, not tied to one task
  activity('householdsVisited', 'Số hộ gia đình đã đến hướng dẫn', 'Households visited', 'households'),
  activity('peopleGuided', 'Số lượt người được hướng dẫn', 'People guided', 'people'),
  activity('trainingSessionsHeld', 'Số buổi tập huấn tổ chức', 'Training sessions held', 'sessions'),
  activity('trainingAttendees', 'Số lượt người dự tập huấn', 'Training attendees', 'people'),
  // 1. online public services
  activity('guidedPublicServices', 'Lượt hướng dẫn dịch vụ công trực tuyến', 'People guided on online public services', 'people', 'publicServices'),
  activity('publicServiceAccountsCreated', 'Tài khoản dịch vụ công được tạo', 'Public-service accounts created', 'accounts', 'publicServices'),
  activity('onlineDossiersFiled', 'Hồ sơ trực tuyến được nộp', 'Online dossiers filed', 'dossiers', 'publicServices'),
  activity('vneidInstalls', 'Lượt cài đặt VNeID', 'VNeID installations', 'installs', 'publicServices'),
  activity('vneidLevel2Activations', 'Lượt kích hoạt định danh điện tử mức 2', 'VNeID level-2 activations', 'accounts', 'publicServices'),
  activity('vssidInstalls', 'Lượt cài đặt VssID', 'VssID installations', 'installs', 'publicServices'),
  activity('eHealthRecords', 'Sổ sức khỏe điện tử được tạo', 'E-health records created', 'records', 'publicServices'),
  // 2. online shopping
  activity('guidedOnlineShopping', 'Lượt hướng dẫn mua sắm trực tuyến', 'People guided on online shopping', 'people', 'onlineShopping'),
  activity('ecommerceAccountsOpened', 'Tài khoản thương mại điện tử được mở', 'E-commerce accounts opened', 'accounts', 'onlineShopping'),
  activity('digitalStoresOpened', 'Gian hàng số được mở', 'Digital stores opened', 'stores', 'onlineShopping'),
  // 3. online payment
  activity('guidedOnlinePayment', 'Lượt hướng dẫn thanh toán trực tuyến', 'People guided on online payment', 'people', 'onlinePayment'),
  activity('paymentAccountsOpened', 'Tài khoản thanh toán/ví điện tử được mở', 'Bank or e-wallet accounts opened', 'accounts', 'onlinePayment'),
  activity(
    'cashlessMerchantsOnboarded',
    'Tiểu thương được hỗ trợ thanh toán QR',
    'Traders set up for cashless (QR) payment',
    'merchants',
    'onlinePayment',
  ),
  // 4. protecting oneself in cyberspace
  activity(
    'guidedCyberSafety',
    'Lượt hướng dẫn tự bảo vệ trên không gian mạng',
    'People guided on protecting themselves online',
    'people',
    'cyberSafety',
  ),
  activity('simCardsRegistered', 'Thuê bao được chuẩn hóa chính chủ', 'SIM cards registered to their real owner', 'subscriptions', 'cyberSafety'),
  // 5. other local digital platforms
  activity(
    'guidedLocalPlatforms',
    'Lượt hướng dẫn nền tảng số của địa phương',
    'People guided on local digital platforms',
    'people',
    'localPlatforms',
  ),
  activity('localPlatformAccounts', 'Tài khoản nền tảng số địa phương được tạo', 'Local-platform accounts created', 'accounts', 'localPlatforms'),
  // area indicators
  area('population', 'Dân số', 'Population', 'people'),
  area('workingAgePopulation', 'Dân số trong độ tuổi lao động', 'Working-age population', 'people'),
  area('adults', 'Dân số trưởng thành', 'Adults', 'people'),
  area('households', 'Số hộ gia đình', 'Households', 'households'),
  area(
    'workingAgeOnlinePublicServiceUsers',
    'Người trong độ tuổi lao động biết sử dụng dịch vụ công trực tuyến',
    'Working-age people able to use online public services',
    'people',
  ),
  area('adultsWithSmartphone', 'Người trưởng thành có điện thoại thông minh', 'Adults with a smartphone', 'people'),
  area(
    'adultsUsingSmartDevice',
    'Người trưởng thành sử dụng thiết bị thông minh cho dịch vụ số',
    'Adults using a smart device for digital services',
    'people',
  ),
  area('adultsWithVneidLevel2', 'Người trưởng thành có định danh điện tử mức 2', 'Adults with VNeID level 2', 'people'),
  area(
    'adultsMeetingDigitalKnowledgeStandard',
    'Người trưởng thành đạt chuẩn kiến thức số trên VNeID',
    'Adults meeting the VNeID digital-knowledge standard',
    'people',
  ),
  area('adultsWithPaymentAccount', 'Người trưởng thành có tài khoản thanh toán', 'Adults with a payment account', 'people'),
  area(
    'householdsWithFiveSkills',
    'Hộ có ít nhất một người thành thạo 5 kỹ năng số cơ bản',
    'Households with a member proficient in the five basic skills',
    'households',
  ),
  area('population15Plus', 'Dân số từ 15 tuổi trở lên', 'Population aged 15 and over', 'people'),
  area(
    'people15PlusWithPaymentAccount',
    'Người từ 15 tuổi trở lên có tài khoản thanh toán',
    'People aged 15 and over with a payment account',
    'people',
  ),
  area(
    'workingAgeTrainedBasicDigitalSkills',
    'Người trong độ tuổi lao động được đào tạo kỹ năng số cơ bản',
    'Working-age people trained in basic digital skills',
    'people',
  ),
];

/** Built-in coverage ratios (numerator / denominator, summed before dividing). */
export const BUILTIN_RATIOS: readonly RatioDefinition[] = [
  {
    id: 'onlinePublicServices',
    numerator: 'workingAgeOnlinePublicServiceUsers',
    denominator: 'workingAgePopulation',
    label: {
      vi: 'Tỷ lệ người trong độ tuổi lao động biết sử dụng dịch vụ công trực tuyến',
      en: 'Share of working-age people able to use online public services',
    },
  },
  {
    id: 'smartphone',
    numerator: 'adultsWithSmartphone',
    denominator: 'adults',
    label: { vi: 'Tỷ lệ người trưởng thành có điện thoại thông minh', en: 'Share of adults with a smartphone' },
  },
  {
    id: 'smartDeviceUse',
    numerator: 'adultsUsingSmartDevice',
    denominator: 'adults',
    label: {
      vi: 'Tỷ lệ người trưởng thành sử dụng thiết bị thông minh cho dịch vụ số',
      en: 'Share of adults using a smart device for digital services',
    },
  },
  {
    id: 'vneidLevel2',
    numerator: 'adultsWithVneidLevel2',
    denominator: 'adults',
    label: { vi: 'Tỷ lệ người trưởng thành có định danh điện tử mức 2', en: 'Share of adults with VNeID level 2' },
  },
  {
    id: 'digitalKnowledge',
    numerator: 'adultsMeetingDigitalKnowledgeStandard',
    denominator: 'adults',
    label: { vi: 'Tỷ lệ người trưởng thành đạt chuẩn kiến thức số', en: 'Share of adults meeting the digital-knowledge standard' },
  },
  {
    id: 'paymentAccount',
    numerator: 'adultsWithPaymentAccount',
    denominator: 'adults',
    label: { vi: 'Tỷ lệ người trưởng thành có tài khoản thanh toán', en: 'Share of adults with a payment account' },
  },
  {
    id: 'householdsFiveSkills',
    numerator: 'householdsWithFiveSkills',
    denominator: 'households',
    label: { vi: 'Tỷ lệ hộ có người thành thạo 5 kỹ năng số cơ bản', en: 'Share of households with a member proficient in the five basic skills' },
  },
  {
    id: 'paymentAccount15Plus',
    numerator: 'people15PlusWithPaymentAccount',
    denominator: 'population15Plus',
    label: { vi: 'Tỷ lệ người từ 15 tuổi trở lên có tài khoản thanh toán', en: 'Share of people aged 15 and over with a payment account' },
  },
  {
    id: 'basicDigitalSkillsTraining',
    numerator: 'workingAgeTrainedBasicDigitalSkills',
    denominator: 'workingAgePopulation',
    label: {
      vi: 'Tỷ lệ người trong độ tuổi lao động được đào tạo kỹ năng số cơ bản',
      en: 'Share of working-age people trained in basic digital skills',
    },
  },
];
